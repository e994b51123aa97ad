using System.Net;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Protocol;
using Qianfan.Sdk.Rerank;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Rerank;

/// <summary>V1 and V2 rerank: what is sent, results best first whatever the service's order, every validation bound.</summary>
public sealed class RerankTests
{
    private const string Answer = """
        {"id":"as-r","object":"reranker_list","created":1700000002,
         "results":[{"document":"西红柿","relevance_score":0.1,"index":0},{"document":"苹果手机","relevance_score":0.9,"index":2},{"document":"苹果","relevance_score":0.5,"index":1}],
         "usage":{"prompt_tokens":6,"total_tokens":6}}
        """;

    [Fact]
    public async Task V1_PostsQueryAndDocumentsToBceRerankerBase()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json(Answer));
        using var client = fake.CreateClient();

        await client.Rerank.RerankAsync(new RerankRequest("苹果", ["西红柿", "苹果", "苹果手机"]) { TopN = 2, User = "u-1" });

        var sent = Assert.Single(fake.AreaRequests);
        Assert.Equal("https://aip.test/rpc/2.0/ai_custom/v1/wenxinworkshop/reranker/bce_reranker_base", sent.Uri.GetLeftPart(UriPartial.Path));
        Assert.Equal("token-1", sent.AccessToken);
        Assert.Equal("""{"query":"苹果","documents":["西红柿","苹果","苹果手机"],"top_n":2,"user_id":"u-1"}""", sent.Body);
    }

    [Fact]
    public async Task V2_PostsModelQueryAndDocumentsToRerankers()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json(Answer));
        using var client = fake.CreateV2Client();

        await client.RerankV2.RerankAsync(new RerankRequest("苹果", ["西红柿", "苹果"]) { User = "u-2" });

        var sent = Assert.Single(fake.AreaRequests);
        Assert.Equal("https://qianfan.test/v2/rerankers", sent.Uri.ToString());
        Assert.Equal("Bearer " + FakeQianfan.V2ApiKey, sent.Authorization);
        Assert.Equal("""{"model":"bce-reranker-base","query":"苹果","documents":["西红柿","苹果"],"user":"u-2"}""", sent.Body);
    }

    [Fact]
    public async Task Answer_ResultsAreBestFirst_WithUsageRequestIdAndTheHttpAnswer()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json(Answer, HttpStatusCode.OK, ("X-Baidu-Request-Id", "req-r")));
        using var client = fake.CreateClient();

        var reply = await client.Rerank.RerankAsync(new RerankRequest("苹果", ["西红柿", "苹果", "苹果手机"]));

        Assert.Equal([2, 1, 0], reply.Results.Select(r => r.Index));
        Assert.Equal(["苹果手机", "苹果", "西红柿"], reply.Results.Select(r => r.Document));
        Assert.Equal([0.9, 0.5, 0.1], reply.Results.Select(r => r.RelevanceScore));
        Assert.Equal("as-r", reply.Id);
        Assert.Equal("reranker_list", reply.ObjectType);
        Assert.Equal(new TokenUsage { PromptTokens = 6, TotalTokens = 6 }, reply.Usage);
        Assert.Equal("req-r", reply.RequestId);
        Assert.Equal(HttpStatusCode.OK, reply.Response!.StatusCode);
    }

    [Fact]
    public async Task V1_ErrorInA200BodyThrowsWithTheCode()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Error(336003, "documents must not be empty"));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Rerank.RerankAsync(new RerankRequest("q", ["d"])));

        Assert.Equal(336003, ex.ErrorCode);
    }

    [Fact]
    public async Task V2_ErrorStatusThrowsWithTheErrorName()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json("""{"error":{"code":"rpm_rate_limit_exceeded","message":"Rate limit reached for RPM","type":"rate_limit_exceeded"},"id":"as-1"}""", HttpStatusCode.TooManyRequests));
        using var client = fake.CreateV2Client();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.RerankV2.RerankAsync(new RerankRequest("q", ["d"])));

        Assert.Equal("rpm_rate_limit_exceeded", ex.ErrorName);
        Assert.True(ex.IsRetryable);
    }

    // ---- validation ----

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Validation_EmptyQueryIsRejected(string query) =>
        Assert.Equal("query", (await RejectedAsync(new RerankRequest(query, ["d"]))).ParamName);

    [Fact]
    public async Task Validation_NoDocumentsIsRejected() =>
        Assert.Equal("documents", (await RejectedAsync(new RerankRequest("q", []))).ParamName);

    [Fact]
    public async Task Validation_AnEmptyDocumentIsRejectedWithItsIndex()
    {
        var ex = await RejectedAsync(new RerankRequest("q", ["a", " "]));

        Assert.Equal("documents[1]", ex.ParamName);
        Assert.Equal("documents[1] must not be empty", ex.Message);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public async Task Validation_TopNIsBetweenOneAndTheNumberOfDocuments(int topN, bool accepted)
    {
        var request = new RerankRequest("q", ["a", "b", "c"]) { TopN = topN };
        if (!accepted)
        {
            var ex = await RejectedAsync(request);
            Assert.Equal("top_n", ex.ParamName);
            Assert.Equal($"top_n must be in [1, 3] (the number of documents), was {topN}", ex.Message);
            return;
        }

        foreach (var v2 in new[] { false, true })
        {
            using var fake = new FakeQianfan();
            fake.RespondToArea(() => Responses.Json(Answer));
            using var client = v2 ? fake.CreateV2Client() : fake.CreateClient();
            var reply = v2 ? await client.RerankV2.RerankAsync(request) : await client.Rerank.RerankAsync(request);
            Assert.NotEmpty(reply.Results);
            Assert.Equal(topN, Assert.Single(fake.AreaRequests).Json.GetProperty("top_n").GetInt32());
        }
    }

    [Fact]
    public async Task Validation_V1ModelThatIsNoEndpointNameIsRejected() =>
        Assert.Equal("model", (await RejectedAsync(new RerankRequest("q", ["d"], "no/such"), v2Too: false)).ParamName);

    private static async Task<QianfanValidationException> RejectedAsync(RerankRequest request, bool v2Too = true)
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient(credentials: c => c.V2ApiKey = FakeQianfan.V2ApiKey);

        var ex = await Assert.ThrowsAsync<QianfanValidationException>(() => client.Rerank.RerankAsync(request));
        if (v2Too)
        {
            var v2 = await Assert.ThrowsAsync<QianfanValidationException>(() => client.RerankV2.RerankAsync(request));
            Assert.Equal(ex.Message, v2.Message);
        }

        Assert.Empty(fake.Requests);
        return ex;
    }
}
