using Qianfan.Sdk.Embeddings;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Embeddings;

/// <summary>
/// Every documented limit of the embedding models, both sides of each bound, on V1 and V2 alike: Embedding-V1 ≤ 16
/// texts of ≤ 1,000 characters; bge-large ≤ 16 of ≤ 2,000; tao-8k exactly 1; no empty text. A breach is never sent.
/// </summary>
public sealed class EmbeddingValidationTests
{
    public static TheoryData<string, int, int?> Limits => new()
    {
        { "embedding-v1", 16, 1000 },
        { "bge-large-zh", 16, 2000 },
        { "bge-large-en", 16, 2000 },
        { "tao-8k", 1, null },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task TextCount_AtTheModelsLimitIsAccepted_OneMoreIsRejected(string model, int maxTexts, int? maxCharacters)
    {
        _ = maxCharacters;
        foreach (var v2 in new[] { false, true })
        {
            await AcceptedAsync(new EmbeddingRequest(model, Texts(maxTexts)), v2);
            var ex = await RejectedAsync(new EmbeddingRequest(model, Texts(maxTexts + 1)), v2);

            Assert.Equal("input", ex.ParamName);
            Assert.StartsWith(maxTexts == 1 ? "input must hold exactly 1 text for tao-8k, had 2" : $"input must hold at most 16 texts for {model}, had 17", ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task TextLength_AtTheModelsLimitIsAccepted_OneMoreIsRejected(string model, int maxTexts, int? maxCharacters)
    {
        _ = maxTexts;
        if (maxCharacters is not { } limit)
        {
            // tao-8k documents only a token limit: a long text is the service's to judge.
            await AcceptedAsync(new EmbeddingRequest(model, [new string('a', 20_000)]), v2: false);
            return;
        }

        foreach (var v2 in new[] { false, true })
        {
            await AcceptedAsync(new EmbeddingRequest(model, ["a", new string('b', limit)]), v2);
            var ex = await RejectedAsync(new EmbeddingRequest(model, ["a", new string('b', limit + 1)]), v2);

            Assert.Equal("input[1]", ex.ParamName);
            Assert.Equal($"input[1] must be at most {limit} characters for {model}, was {limit + 1}", ex.Message);
        }
    }

    [Fact]
    public async Task TextLength_CountsCodePoints_SoASurrogatePairIsOneCharacter()
    {
        var astral = string.Concat(Enumerable.Repeat("𠀀", 1000)); // 2,000 UTF-16 units, 1,000 characters

        await AcceptedAsync(new EmbeddingRequest("embedding-v1", [astral]), v2: false);
        Assert.Equal("input[0]", (await RejectedAsync(new EmbeddingRequest("embedding-v1", [astral + "𠀀"]), v2: false)).ParamName);
    }

    [Fact]
    public async Task NoTexts_IsRejected()
    {
        foreach (var v2 in new[] { false, true })
        {
            var ex = await RejectedAsync(new EmbeddingRequest("embedding-v1", []), v2);

            Assert.Equal("input", ex.ParamName);
            Assert.Equal("input must hold at least one text", ex.Message);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n")]
    public async Task AnEmptyText_IsRejectedWithItsIndex(string empty)
    {
        foreach (var v2 in new[] { false, true })
        {
            var ex = await RejectedAsync(new EmbeddingRequest("bge-large-zh", ["a", "b", empty]), v2);

            Assert.Equal("input[2]", ex.ParamName);
            Assert.Equal("input[2] must not be empty", ex.Message);
        }
    }

    [Fact]
    public async Task AModelTheSdkDoesNotKnow_GetsOnlyTheCommonRules()
    {
        await AcceptedAsync(new EmbeddingRequest("qwen3-embedding-8b", Texts(40)), v2: true);
        Assert.Equal("input[0]", (await RejectedAsync(new EmbeddingRequest("qwen3-embedding-8b", [""]), v2: true)).ParamName);
    }

    [Fact]
    public async Task V1_AModelThatIsNoEndpointNameIsRejected()
    {
        var ex = await RejectedAsync(new EmbeddingRequest("no/such", ["a"]), v2: false);

        Assert.Equal("model", ex.ParamName);
    }

    [Fact]
    public async Task AdditionalPropertiesMayNotRepeatAModelledField()
    {
        var request = new EmbeddingRequest("embedding-v1", ["a"]);
        request.AdditionalProperties["input"] = "again";

        Assert.Equal("AdditionalProperties['input']", (await RejectedAsync(request, v2: false)).ParamName);
    }

    [Fact]
    public void EmbeddingModels_KnowTheDocumentedModelsByNameAndEndpoint()
    {
        Assert.True(EmbeddingModels.TryGet("Embedding-V1", out var v1));
        Assert.Equal((384, 16, 1000, 384), (v1.Dimensions, v1.MaxTexts, v1.MaxCharacters ?? 0, v1.MaxTokens));
        Assert.True(EmbeddingModels.TryGet("bge_large_zh", out var bge));
        Assert.Equal((1024, 16, 2000, 512), (bge.Dimensions, bge.MaxTexts, bge.MaxCharacters ?? 0, bge.MaxTokens));
        Assert.True(EmbeddingModels.TryGet("TAO-8K", out var tao));
        Assert.Equal((1024, 1, (int?)null, 8192), (tao.Dimensions, tao.MaxTexts, tao.MaxCharacters, tao.MaxTokens));
        Assert.Equal(4, EmbeddingModels.All.Count);
        Assert.False(EmbeddingModels.TryGet("text-embedding-3-small", out _));
    }

    internal static string[] Texts(int count) => [.. Enumerable.Range(0, count).Select(i => $"text {i}")];

    private static async Task AcceptedAsync(EmbeddingRequest request, bool v2)
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json(EmbeddingsTests.Vectors(request.Input.Count)));
        using var client = v2 ? fake.CreateV2Client() : fake.CreateClient();

        var reply = v2 ? await client.EmbeddingsV2.CreateAsync(request) : await client.Embeddings.CreateAsync(request);

        Assert.Equal(request.Input.Count, reply.Vectors.Count);
        Assert.Single(fake.AreaRequests);
    }

    private static async Task<QianfanValidationException> RejectedAsync(EmbeddingRequest request, bool v2)
    {
        using var fake = new FakeQianfan();
        using var client = v2 ? fake.CreateV2Client() : fake.CreateClient();

        var ex = v2
            ? await Assert.ThrowsAsync<QianfanValidationException>(() => client.EmbeddingsV2.CreateAsync(request))
            : await Assert.ThrowsAsync<QianfanValidationException>(() => client.Embeddings.CreateAsync(request));

        Assert.Empty(fake.Requests);
        return ex;
    }
}
