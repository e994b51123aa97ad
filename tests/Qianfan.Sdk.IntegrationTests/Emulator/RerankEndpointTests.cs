using System.Text.Json;
using Qianfan.Sdk.Tokenizer;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

/// <summary>V1 <c>reranker/bce_reranker_base</c> on the wire: word-overlap scores (CJK characters as words), best first.</summary>
public sealed class RerankEndpointTests
{
    [Fact]
    public async Task Results_AreScoredByTheShareOfQueryWordsEachDocumentHas_BestFirst()
    {
        await using var session = await EmulatorSession.StartAsync();

        var body = await session.AreaAsync("reranker/bce_reranker_base", JsonSerializer.Serialize(new
        {
            query = "苹果 price",
            documents = new[] { "西红柿", "苹果手机的 PRICE", "一个苹果", "price list" },
        }));

        Assert.Equal(["id", "object", "created", "results", "usage"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("reranker_list", body.GetProperty("object").GetString());
        var results = body.GetProperty("results").EnumerateArray()
            .Select(r => (Index: r.GetProperty("index").GetInt32(), Score: r.GetProperty("relevance_score").GetDouble(), Document: r.GetProperty("document").GetString()))
            .ToList();
        // Query words: 苹, 果, price. Ties keep the documents' order.
        Assert.Equal([(1, 1.0, "苹果手机的 PRICE"), (2, 2.0 / 3, "一个苹果"), (3, 1.0 / 3, "price list"), (0, 0.0, "西红柿")], results);
        Assert.Equal(TokenEstimator.Estimate(["苹果 price", "西红柿", "苹果手机的 PRICE", "一个苹果", "price list"]), body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(10, 3)]
    public async Task TopN_LimitsTheResults(int topN, int expected)
    {
        await using var session = await EmulatorSession.StartAsync();

        var body = await session.AreaAsync("reranker/bce_reranker_base", $$"""{"query":"a","documents":["a","b","a b"],"top_n":{{topN}}}""");

        Assert.Equal(expected, body.GetProperty("results").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"documents":["a"]}""", "query must not be empty")]
    [InlineData("""{"query":"","documents":["a"]}""", "query must not be empty")]
    [InlineData("""{"query":"q"}""", "documents must be a list of strings")]
    [InlineData("""{"query":"q","documents":[]}""", "documents must not be empty")]
    [InlineData("""{"query":"q","documents":["a",""]}""", "document must not be empty")]
    [InlineData("""{"query":"q","documents":["a"],"top_n":0}""", "top_n must be a positive integer")]
    [InlineData("""{"query":"q","documents":["a"],"top_n":1.5}""", "top_n must be a positive integer")]
    public async Task Body_BreakingARuleIs336003(string json, string rule)
    {
        await using var session = await EmulatorSession.StartAsync();

        EmulatorSession.AssertError(await session.AreaAsync("reranker/bce_reranker_base", json), 336003, rule);
    }

    [Fact]
    public async Task AnotherRerankerIs3()
    {
        await using var session = await EmulatorSession.StartAsync();

        EmulatorSession.AssertError(await session.AreaAsync("reranker/bge_reranker", """{"query":"q","documents":["a"]}"""), 3);
    }
}
