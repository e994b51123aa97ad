using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Embeddings;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.IntegrationTests.Areas;

/// <summary>Embeddings through the SDK against the emulator, V1 and V2: vectors, batching, and what the service refuses.</summary>
public sealed class EmbeddingsTests
{
    [Theory]
    [InlineData("Embedding-V1", 384, false)]
    [InlineData("bge-large-zh", 1024, false)]
    [InlineData("bge-large-en", 1024, true)]
    [InlineData("tao-8k", 1024, true)]
    public async Task Create_ReturnsOneVectorOfTheModelsSizePerText_OnV1AndV2(string model, int dimensions, bool v2)
    {
        await using var harness = await AreaHarness.StartAsync();
        var request = new EmbeddingRequest(model, ["你好"]);

        var reply = v2 ? await harness.Client.EmbeddingsV2.CreateAsync(request) : await harness.Client.Embeddings.CreateAsync(request);

        Assert.Equal(dimensions, Assert.Single(reply.Vectors).Length);
        Assert.Equal(1, reply.Usage!.PromptTokens);
        Assert.NotNull(reply.RequestId);
        Assert.Matches("^[0-9a-f]{32}$", reply.RequestId);
        Assert.Equal(300, reply.RateLimit!.LimitRequests);
        Assert.Equal(System.Net.HttpStatusCode.OK, reply.Response!.StatusCode);
    }

    [Fact]
    public async Task V1AndV2_GiveTheSameVectorForTheSameText()
    {
        await using var harness = await AreaHarness.StartAsync();

        var v1 = await harness.Client.Embeddings.CreateAsync(new EmbeddingRequest("bge-large-zh", ["你好", "世界"]));
        var v2 = await harness.Client.EmbeddingsV2.CreateAsync(new EmbeddingRequest("bge-large-zh", ["世界", "你好"]));

        Assert.Equal(v1.Vectors[0], v2.Vectors[1]);
        Assert.Equal(v1.Vectors[1], v2.Vectors[0]);
        Assert.NotEqual(v1.Vectors[0], v1.Vectors[1]);
    }

    [Fact]
    public async Task EmbedAll_SplitsIntoTheModelsBatches_AndKeepsTheTextsOrder()
    {
        await using var harness = await AreaHarness.StartAsync();
        var texts = Enumerable.Range(0, 40).Select(i => $"第{i}段").ToArray();

        var batch = await harness.Client.EmbeddingsV2.EmbedAllAsync("embedding-v1", texts, maxConcurrency: 3);
        var one = await harness.Client.EmbeddingsV2.CreateAsync(new EmbeddingRequest("embedding-v1", [texts[37]]));

        Assert.Equal(40, batch.Vectors.Count);
        Assert.Equal(one.Vectors[0], batch.Vectors[37]);
        Assert.Equal(3, batch.Responses.Count);
        Assert.Equal(4, harness.RequestsTo("/v2/embeddings").Count);
    }

    [Fact]
    public async Task ATextOverTheTokenLimit_IsWarnedAboutBySdk_AndRefusedByTheService()
    {
        await using var harness = await AreaHarness.StartAsync(configure: o => o.Retry.MaxRetries = 0);

        // 1,000 Chinese characters: within Embedding-V1's 1,000 characters, 625 estimated tokens of its 384.
        var ex = await Assert.ThrowsAsync<QianfanException>(() => harness.Client.Embeddings.CreateAsync(new EmbeddingRequest("embedding-v1", [new string('字', 1000)])));

        Assert.Equal(QianfanErrorCodes.InvalidParam, ex.ErrorCode);
        Assert.Equal("embeddings max tokens per text is 384", ex.ErrorMessage);
        var warnings = harness.Logs.GetSnapshot().Where(r => r.Level == LogLevel.Warning && r.Category == "Qianfan.Sdk.Embeddings").ToList();
        Assert.Equal(2, warnings.Count); // the estimate before sending, the failure after
        Assert.Contains("input[0] is estimated at 625 tokens", warnings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V2_AnUnknownModelIsAnInvalidModelError()
    {
        await using var harness = await AreaHarness.StartAsync(configure: o => o.Retry.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<QianfanException>(() => harness.Client.EmbeddingsV2.CreateAsync(new EmbeddingRequest("text-embedding-3-small", ["a"])));

        Assert.Equal("invalid_model", ex.ErrorName);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    [Fact]
    public async Task ARetryableServiceError_IsRetried_AsForChat()
    {
        await using var harness = await AreaHarness.StartAsync();
        harness.Emulator.Scenarios.FailNextChatCalls(2, QianfanErrorCodes.ServerHighLoad);

        var reply = await harness.Client.Embeddings.CreateAsync(new EmbeddingRequest("embedding-v1", ["a"]));

        Assert.Single(reply.Vectors);
        Assert.Equal(3, harness.RequestsTo("/embeddings/embedding-v1").Count);
    }
}
