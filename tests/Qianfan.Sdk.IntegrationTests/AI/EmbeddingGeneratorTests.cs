using Microsoft.Extensions.AI;
using Qianfan.Sdk.Embeddings;

namespace Qianfan.Sdk.IntegrationTests.AI;

/// <summary>
/// <c>qianfanClient.AsIEmbeddingGenerator(model)</c> (V2) and <c>client.Embeddings.AsIEmbeddingGenerator(model)</c> (V1)
/// against the emulator: any number of texts in the requests the model allows, in order, usage summed; the options'
/// model and dimensions honoured or refused by name.
/// </summary>
public sealed class EmbeddingGeneratorTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Generate_BatchesAsTheModelAllows_KeepsTheOrder_AndSumsTheUsage(bool v1)
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var generator = v1 ? client.Embeddings.AsIEmbeddingGenerator("embedding-v1") : client.AsIEmbeddingGenerator("embedding-v1");
        var texts = Enumerable.Range(0, 40).Select(i => $"第{i}段").ToArray();

        var embeddings = await generator.GenerateAsync(texts);

        var requests = emulator.Requests.Where(r => r.Path.EndsWith(v1 ? "/embeddings/embedding-v1" : "/v2/embeddings", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, requests.Count);     // 16 texts a request
        Assert.Equal(40, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(384, e.Vector.Length));
        Assert.All(embeddings, e => Assert.Equal("embedding-v1", e.ModelId));
        var direct = v1
            ? await client.Embeddings.CreateAsync(new EmbeddingRequest("embedding-v1", [texts[0], texts[37]]))
            : await client.EmbeddingsV2.CreateAsync(new EmbeddingRequest("embedding-v1", [texts[0], texts[37]]));
        Assert.Equal(direct.Vectors[0], embeddings[0].Vector.ToArray());
        Assert.Equal(direct.Vectors[1], embeddings[37].Vector.ToArray());
        var all = v1 ? await client.Embeddings.EmbedAllAsync("embedding-v1", texts) : await client.EmbeddingsV2.EmbedAllAsync("embedding-v1", texts);
        Assert.Equal(all.Usage.PromptTokens, embeddings.Usage!.InputTokenCount);
        Assert.True(embeddings.Usage.InputTokenCount >= texts.Length);
        Assert.Equal(embeddings.Usage.InputTokenCount, embeddings.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task ModelIdOption_ChoosesTheModel_AndMatchingDimensionsAreAccepted()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var generator = client.AsIEmbeddingGenerator();

        var embedding = await generator.GenerateAsync("你好", new EmbeddingGenerationOptions { ModelId = "bge-large-zh", Dimensions = 1024 });

        Assert.Equal(1024, embedding.Vector.Length);
        Assert.Equal("bge-large-zh", embedding.ModelId);
        Assert.Equal("bge-large-zh", Assert.Single(emulator.Requests, r => r.Path == "/v2/embeddings").Json().GetProperty("model").GetString());
    }

    [Theory]
    [InlineData("embedding-v1", 1024, "embedding-v1 always gives vectors of 384")]
    [InlineData("my-embedder", 256, "the size of my-embedder's vectors is not known")]
    public async Task DimensionsTheModelCannotGive_AreNotSupported_AndNothingIsSent(string model, int dimensions, string message)
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => client.AsIEmbeddingGenerator(model).GenerateAsync(["你好"], new EmbeddingGenerationOptions { Dimensions = dimensions }));

        Assert.Contains("EmbeddingGenerationOptions.Dimensions", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(emulator.Requests, r => r.Path.Contains("embeddings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetService_ReturnsTheMetadata_TheQianfanClientAndTheAreaClient()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);

        var v2 = client.AsIEmbeddingGenerator("bge-large-zh");
        var v1 = client.Embeddings.AsIEmbeddingGenerator();

        var metadata = v2.GetService<EmbeddingGeneratorMetadata>()!;
        Assert.Equal("qianfan", metadata.ProviderName);
        Assert.Equal(emulator.BaseUri, metadata.ProviderUri);
        Assert.Equal("bge-large-zh", metadata.DefaultModelId);
        Assert.Equal(1024, metadata.DefaultModelDimensions);
        Assert.Equal(384, v1.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
        Assert.Same(client, v2.GetService<QianfanClient>());
        Assert.Same(client.EmbeddingsV2, v2.GetService<EmbeddingsV2Client>());
        Assert.Same(client, v1.GetService<QianfanClient>());
        Assert.Same(client.Embeddings, v1.GetService<EmbeddingsClient>());
    }
}
