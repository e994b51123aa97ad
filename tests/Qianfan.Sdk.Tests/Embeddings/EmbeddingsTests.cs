using System.Net;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Embeddings;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Protocol;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Embeddings;

/// <summary>V1 and V2 embeddings: what is sent, what comes back, errors in 200 bodies and V2 error statuses.</summary>
public sealed class EmbeddingsTests
{
    [Theory]
    [InlineData("embedding-v1", "embedding-v1")]
    [InlineData("Embedding-V1", "embedding-v1")]
    [InlineData("bge-large-zh", "bge_large_zh")]
    [InlineData("bge_large_en", "bge_large_en")]
    [InlineData("tao-8k", "tao_8k")]
    [InlineData("My-Embedder", "my-embedder")]
    public async Task V1_PostsTheTextsToTheModelsEndpoint(string model, string endpoint)
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json(Vectors(1)));
        using var client = fake.CreateClient();

        await client.Embeddings.CreateAsync(new EmbeddingRequest(model, ["你好"]) { User = "u-1" });

        var sent = Assert.Single(fake.AreaRequests);
        Assert.Equal($"https://aip.test/rpc/2.0/ai_custom/v1/wenxinworkshop/embeddings/{endpoint}", sent.Uri.GetLeftPart(UriPartial.Path));
        Assert.Equal("token-1", sent.AccessToken);
        Assert.Equal("""{"input":["你好"],"user_id":"u-1"}""", sent.Body);
    }

    [Fact]
    public async Task V2_PostsModelAndTextsWithTheBearerKey()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json(Vectors(2)));
        using var client = fake.CreateV2Client();

        await client.EmbeddingsV2.CreateAsync(new EmbeddingRequest("bge-large-zh", ["一", "二"]) { User = "u-2" });

        var sent = Assert.Single(fake.AreaRequests);
        Assert.Equal("https://qianfan.test/v2/embeddings", sent.Uri.ToString());
        Assert.Equal("Bearer " + FakeQianfan.V2ApiKey, sent.Authorization);
        Assert.Equal("""{"model":"bge-large-zh","input":["一","二"],"user":"u-2"}""", sent.Body);
    }

    [Fact]
    public async Task Answer_VectorsFollowTheTextsOrder_WithUsageRequestIdAndTheHttpAnswer()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json(
            """
            {"id":"as-e","object":"embedding_list","created":1700000001,
             "data":[{"object":"embedding","embedding":[0.5,0.25],"index":1},{"object":"embedding","embedding":[-1,2],"index":0}],
             "usage":{"prompt_tokens":3,"total_tokens":3},"extra":true}
            """,
            HttpStatusCode.OK,
            ("X-Baidu-Request-Id", "req-e"),
            ("X-Ratelimit-Limit-Tokens", "1000")));
        using var client = fake.CreateClient();

        var reply = await client.Embeddings.CreateAsync(new EmbeddingRequest("embedding-v1", ["a", "b"]));

        Assert.Equal("as-e", reply.Id);
        Assert.Equal("embedding_list", reply.ObjectType);
        Assert.Equal(1700000001, reply.Created);
        Assert.Equal([1, 0], reply.Data.Select(d => d.Index));
        Assert.Equal([[-1f, 2f], [0.5f, 0.25f]], reply.Vectors);
        Assert.Equal(new TokenUsage { PromptTokens = 3, TotalTokens = 3 }, reply.Usage);
        Assert.Equal("req-e", reply.RequestId);
        Assert.Equal(HttpStatusCode.OK, reply.Response!.StatusCode);
        Assert.Equal(1000, reply.RateLimit!.LimitTokens);
        Assert.True(reply.AdditionalProperties!["extra"].GetBoolean());
    }

    [Fact]
    public async Task V1_ErrorInA200BodyThrowsWithTheCode()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Error(336003, "embeddings max upper limit of batch size is 16"));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Embeddings.CreateAsync(new EmbeddingRequest("embedding-v1", ["a"])));

        Assert.Equal(336003, ex.ErrorCode);
        Assert.Equal("embeddings max upper limit of batch size is 16", ex.ErrorMessage);
    }

    [Fact]
    public async Task V2_ErrorEnvelopeThrowsWithItsNameAndStatus()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json("""{"error":{"code":"invalid_model","message":"no such model","type":"invalid_request_error"},"id":"as-x"}""", HttpStatusCode.Unauthorized));
        using var client = fake.CreateV2Client();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.EmbeddingsV2.CreateAsync(new EmbeddingRequest("nope", ["a"])));

        Assert.Equal("invalid_model", ex.ErrorName);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    [Fact]
    public async Task V2_ErrorEnvelopeInA200BodyIsAnErrorToo()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json("""{"error":{"code":"invalid_argument","message":"input is empty"}}"""));
        using var client = fake.CreateV2Client();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.EmbeddingsV2.CreateAsync(new EmbeddingRequest("bge-large-zh", ["a"])));

        Assert.Equal("invalid_argument", ex.ErrorName);
    }

    [Fact]
    public async Task TokenEstimateOverTheModelsLimit_IsAWarning_AndTheTextIsStillSent()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json(Vectors(2)));
        using var client = fake.CreateClient();

        // 1,000 Han characters: within Embedding-V1's 1,000 characters, but an estimated 625 tokens of its 384.
        await client.Embeddings.CreateAsync(new EmbeddingRequest("embedding-v1", ["短", new string('字', 1000)]));

        Assert.Single(fake.AreaRequests);
        var warning = Assert.Single(fake.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Equal("Qianfan.Sdk.Embeddings", warning.Category);
        Assert.Contains("input[1] is estimated at 625 tokens, over the model's limit of 384", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenEstimateWithinTheLimit_LogsNoWarning()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json(Vectors(1)));
        using var client = fake.CreateClient();

        await client.Embeddings.CreateAsync(new EmbeddingRequest("embedding-v1", [new string('字', 614)]));

        Assert.DoesNotContain(fake.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
    }

    /// <summary>A V1/V2 embeddings answer with <paramref name="count"/> two-number vectors, vector i being [i, i].</summary>
    internal static string Vectors(int count)
    {
        var data = string.Join(",", Enumerable.Range(0, count).Select(i => $$"""{"object":"embedding","embedding":[{{i}},{{i}}],"index":{{i}}""" + "}"));
        return $$"""{"id":"as-v","object":"embedding_list","created":1,"data":[{{data}}],"usage":{"prompt_tokens":{{count}},"total_tokens":{{count}}""" + "}}";
    }
}
