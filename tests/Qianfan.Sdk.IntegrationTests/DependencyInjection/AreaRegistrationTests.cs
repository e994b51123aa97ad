using Microsoft.Extensions.DependencyInjection;
using Qianfan.Sdk.Completions;
using Qianfan.Sdk.DependencyInjection;
using Qianfan.Sdk.Embeddings;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Images;
using Qianfan.Sdk.Rerank;
using Qianfan.Sdk.Tokenizer;

namespace Qianfan.Sdk.IntegrationTests.DependencyInjection;

/// <summary>AddQianfan registers every area client, default and keyed, as the one its QianfanClient hands out.</summary>
[Collection(nameof(EnvironmentVariableTests))]
public sealed class AreaRegistrationTests
{
    [Fact]
    public async Task EveryAreaClient_IsTheRegisteredClientsOwn_AndWorks()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var services = new ServiceCollection();
        services.AddQianfan(
            c =>
            {
                c.ApiKey = emulator.ApiKey;
                c.SecretKey = emulator.SecretKey;
                c.V2ApiKey = emulator.V2ApiKey;
            },
            o =>
            {
                o.BaseUrl = emulator.BaseUri;
                o.V2BaseUrl = emulator.BaseUri;
            });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<QianfanClient>();

        Assert.Same(client.Completions, provider.GetRequiredService<CompletionsClient>());
        Assert.Same(client.Embeddings, provider.GetRequiredService<EmbeddingsClient>());
        Assert.Same(client.EmbeddingsV2, provider.GetRequiredService<EmbeddingsV2Client>());
        Assert.Same(client.Rerank, provider.GetRequiredService<RerankClient>());
        Assert.Same(client.RerankV2, provider.GetRequiredService<RerankV2Client>());
        Assert.Same(client.Images, provider.GetRequiredService<ImagesClient>());
        Assert.Same(client.ImagesV2, provider.GetRequiredService<ImagesV2Client>());
        Assert.Same(client.Tokenizer, provider.GetRequiredService<TokenizerClient>());
        var reply = await provider.GetRequiredService<EmbeddingsV2Client>().CreateAsync(new EmbeddingRequest("embedding-v1", ["依赖注入"]));
        Assert.Equal(384, Assert.Single(reply.Vectors).Length);
    }

    [Fact]
    public async Task AKeyedRegistration_HandsOutItsOwnAreaClients()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var services = new ServiceCollection();
        services.AddQianfan("other", c => c.V2ApiKey = emulator.V2ApiKey, o => o.V2BaseUrl = emulator.BaseUri);
        await using var provider = services.BuildServiceProvider();

        var rerank = provider.GetRequiredKeyedService<RerankV2Client>("other");

        Assert.Same(provider.GetRequiredKeyedService<QianfanClient>("other").RerankV2, rerank);
        Assert.Equal(0, Assert.Single((await rerank.RerankAsync(new RerankRequest("a", ["a"]))).Results).Index);
    }
}
