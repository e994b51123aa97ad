using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Rerank;

namespace Qianfan.Sdk.IntegrationTests.Areas;

/// <summary>Rerank through the SDK against the emulator, V1 and V2: the documents best first, each with its index.</summary>
public sealed class RerankTests
{
    private static readonly string[] Documents = ["西红柿炒鸡蛋", "苹果手机价格", "苹果", "香蕉"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rerank_ReturnsTheDocumentsBestFirst(bool v2)
    {
        await using var harness = await AreaHarness.StartAsync();
        var request = new RerankRequest("苹果价格", Documents);

        var reply = v2 ? await harness.Client.RerankV2.RerankAsync(request) : await harness.Client.Rerank.RerankAsync(request);

        Assert.Equal([1, 2, 0, 3], reply.Results.Select(r => r.Index));
        Assert.Equal([1.0, 0.5, 0.0, 0.0], reply.Results.Select(r => r.RelevanceScore));
        Assert.All(reply.Results, r => Assert.Equal(Documents[r.Index], r.Document));
        Assert.True(reply.Usage!.PromptTokens > 0);
        Assert.NotNull(reply.RequestId);
        Assert.Single(harness.RequestsTo(v2 ? "/v2/rerankers" : "/reranker/bce_reranker_base"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TopN_ReturnsOnlyTheBest(bool v2)
    {
        await using var harness = await AreaHarness.StartAsync();
        var request = new RerankRequest("苹果价格", Documents) { TopN = 2 };

        var reply = v2 ? await harness.Client.RerankV2.RerankAsync(request) : await harness.Client.Rerank.RerankAsync(request);

        Assert.Equal([1, 2], reply.Results.Select(r => r.Index));
    }

    [Fact]
    public async Task V2_AnotherModelIsAnInvalidModelError()
    {
        await using var harness = await AreaHarness.StartAsync(configure: o => o.Retry.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<QianfanException>(() => harness.Client.RerankV2.RerankAsync(new RerankRequest("q", ["d"], "bge-reranker-v2-m3")));

        Assert.Equal("invalid_model", ex.ErrorName);
    }
}
