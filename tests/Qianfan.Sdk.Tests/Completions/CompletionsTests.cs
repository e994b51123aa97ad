using System.Net;
using Qianfan.Sdk.Completions;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Protocol;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Completions;

/// <summary>V1 completions (续写): what is sent, what comes back, sync and streamed, and errors in 200 bodies.</summary>
public sealed class CompletionsTests
{
    private const string Answer = """
        {"id":"as-c1","object":"completion","created":1700000000,"result":"SELECT 1;","is_truncated":true,
         "need_clear_history":false,"is_safe":true,"usage":{"prompt_tokens":4,"completion_tokens":3,"total_tokens":7},"new_field":5}
        """;

    [Theory]
    [InlineData("SQLCoder-7B", "sqlcoder_7b")]
    [InlineData("sqlcoder-7b", "sqlcoder_7b")]
    [InlineData("CodeLlama-7b-Instruct", "codellama_7b_instruct")]
    [InlineData("My_Service", "my_service")]
    public async Task Complete_PostsThePromptToTheModelsEndpoint(string model, string endpoint)
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json(Answer));
        using var client = fake.CreateClient();

        await client.Completions.CompleteAsync(new CompletionRequest(model, "-- 查询所有用户"));

        var sent = Assert.Single(fake.AreaRequests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal($"https://aip.test/rpc/2.0/ai_custom/v1/wenxinworkshop/completions/{endpoint}", sent.Uri.GetLeftPart(UriPartial.Path));
        Assert.Equal("token-1", sent.AccessToken);
        Assert.Equal("application/json", sent.ContentType);
        Assert.Equal("""{"prompt":"-- 查询所有用户"}""", sent.Body);
    }

    [Fact]
    public async Task Complete_ToACustomEndpoint_UsesItsPath()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json(Answer));
        using var client = fake.CreateClient();

        await client.Completions.CompleteAsync(new CompletionRequest(ModelSpec.ForCustomEndpoint("my_dolly"), "Once upon a time"));

        Assert.EndsWith("/completions/my_dolly", Assert.Single(fake.AreaRequests).Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_SendsEverySetParameter()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json(Answer));
        using var client = fake.CreateClient();
        var request = new CompletionRequest("SQLCoder-7B", "SELECT")
        {
            Temperature = 0.5f,
            TopK = 3,
            TopP = 0.25f,
            PenaltyScore = 1.5f,
            MaxOutputTokens = 100,
            UserId = "u-1",
            Stop = { ";" },
        };
        request.AdditionalProperties["seed"] = 7;

        await client.Completions.CompleteAsync(request);

        var body = Assert.Single(fake.AreaRequests).Json;
        Assert.Equal(["max_output_tokens", "penalty_score", "prompt", "seed", "stop", "temperature", "top_k", "top_p", "user_id"], Assert.Single(fake.AreaRequests).JsonKeys);
        Assert.Equal(0.5, body.GetProperty("temperature").GetDouble());
        Assert.Equal(3, body.GetProperty("top_k").GetInt32());
        Assert.Equal(0.25, body.GetProperty("top_p").GetDouble());
        Assert.Equal(1.5, body.GetProperty("penalty_score").GetDouble());
        Assert.Equal(100, body.GetProperty("max_output_tokens").GetInt32());
        Assert.Equal("u-1", body.GetProperty("user_id").GetString());
        Assert.Equal(";", body.GetProperty("stop")[0].GetString());
        Assert.Equal(7, body.GetProperty("seed").GetInt32());
    }

    [Fact]
    public async Task Complete_MapsTheAnswer_WithUsageRequestIdAndTheHttpAnswer()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json(Answer, HttpStatusCode.OK, ("X-Baidu-Request-Id", "req-c"), ("X-Ratelimit-Remaining-Requests", "9")));
        using var client = fake.CreateClient();

        var reply = await client.Completions.CompleteAsync(new CompletionRequest("SQLCoder-7B", "SELECT"));

        Assert.Equal("as-c1", reply.Id);
        Assert.Equal("completion", reply.ObjectType);
        Assert.Equal(1700000000, reply.Created);
        Assert.Equal("SELECT 1;", reply.Result);
        Assert.True(reply.IsTruncated);
        Assert.False(reply.NeedClearHistory);
        Assert.True(reply.IsSafe);
        Assert.Equal(new TokenUsage { PromptTokens = 4, CompletionTokens = 3, TotalTokens = 7 }, reply.Usage);
        Assert.Equal("req-c", reply.RequestId);
        Assert.Equal(HttpStatusCode.OK, reply.Response!.StatusCode);
        Assert.Equal(9, reply.RateLimit!.RemainingRequests);
        Assert.Equal(5, reply.AdditionalProperties!["new_field"].GetInt32());
    }

    [Fact]
    public async Task Complete_ErrorInA200BodyThrowsWithTheCode()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Error(336003, "prompt is empty", requestId: "req-e"));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Completions.CompleteAsync(new CompletionRequest("SQLCoder-7B", "x")));

        Assert.Equal(336003, ex.ErrorCode);
        Assert.Equal("prompt is empty", ex.ErrorMessage);
        Assert.Equal("req-e", ex.RequestId);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
    }

    [Fact]
    public async Task Stream_SendsStreamTrue_AndYieldsEachPieceUntilIsEnd()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.EventStream(Responses.Event(0, "SELECT ") + Responses.Event(1, "1;", isEnd: true, completionTokens: 3), ("X-Baidu-Request-Id", "req-s")));
        using var client = fake.CreateClient();

        var chunks = await client.Completions.StreamAsync(new CompletionRequest("SQLCoder-7B", "SELECT")).ToListAsync();

        Assert.Equal(["SELECT ", "1;"], chunks.Select(c => c.Result));
        Assert.Equal([0, 1], chunks.Select(c => c.SentenceId));
        Assert.True(chunks[^1].IsEnd);
        Assert.Equal(3, chunks[^1].Usage!.CompletionTokens);
        Assert.All(chunks, c => Assert.Equal("req-s", c.RequestId));
        var body = Assert.Single(fake.AreaRequests).Json;
        Assert.True(body.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task Stream_CutBeforeIsEnd_ThrowsAfterThePiecesReceived()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.EventStream(Responses.Event(0, "SELECT ")));
        using var client = fake.CreateClient();
        var received = new List<string>();

        await Assert.ThrowsAsync<QianfanStreamEndedException>(async () =>
        {
            await foreach (var chunk in client.Completions.StreamAsync(new CompletionRequest("SQLCoder-7B", "SELECT")))
            {
                received.Add(chunk.Result);
            }
        });

        Assert.Equal(["SELECT "], received);
    }

    [Fact]
    public async Task Stream_ErrorEventThrowsWithItsCode()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.EventStream(Responses.Event(0, "a") + """data: {"error_code":336100,"error_msg":"try again later"}""" + "\n\n"));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Completions.StreamAsync(new CompletionRequest("SQLCoder-7B", "x")).ToListAsync().AsTask());

        Assert.Equal(336100, ex.ErrorCode);
    }

    // ---- validation: every bound, nothing sent ----

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Validation_EmptyPromptIsRejected(string prompt)
    {
        var ex = await RejectedAsync(new CompletionRequest("SQLCoder-7B", prompt));

        Assert.Equal("prompt", ex.ParamName);
    }

    [Theory]
    [InlineData("temperature", 0f, false)]
    [InlineData("temperature", 0.01f, true)]
    [InlineData("temperature", 1f, true)]
    [InlineData("temperature", 1.01f, false)]
    [InlineData("top_p", -0.01f, false)]
    [InlineData("top_p", 0f, true)]
    [InlineData("top_p", 1f, true)]
    [InlineData("top_p", 1.01f, false)]
    [InlineData("penalty_score", 0.99f, false)]
    [InlineData("penalty_score", 1f, true)]
    [InlineData("penalty_score", 2f, true)]
    [InlineData("penalty_score", 2.01f, false)]
    public async Task Validation_SamplingRangesAreCheckedAtBothEnds(string field, float value, bool accepted)
    {
        var request = new CompletionRequest("SQLCoder-7B", "x");
        switch (field)
        {
            case "temperature": request.Temperature = value; break;
            case "top_p": request.TopP = value; break;
            default: request.PenaltyScore = value; break;
        }

        await CheckAsync(request, accepted, field);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public async Task Validation_TopKMustBePositive(int topK, bool accepted) =>
        await CheckAsync(new CompletionRequest("SQLCoder-7B", "x") { TopK = topK }, accepted, "top_k");

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(2048, true)]
    [InlineData(2049, false)]
    public async Task Validation_MaxOutputTokensIsIn2To2048(int max, bool accepted) =>
        await CheckAsync(new CompletionRequest("SQLCoder-7B", "x") { MaxOutputTokens = max }, accepted, "max_output_tokens");

    [Fact]
    public async Task Validation_StopTakesAtMostFourEntriesOfAtMost20Characters()
    {
        var four = new CompletionRequest("SQLCoder-7B", "x") { Stop = { new string('a', 20), "b", "c", "d" } };
        var five = new CompletionRequest("SQLCoder-7B", "x") { Stop = { "a", "b", "c", "d", "e" } };
        var long21 = new CompletionRequest("SQLCoder-7B", "x") { Stop = { new string('a', 21) } };
        var empty = new CompletionRequest("SQLCoder-7B", "x") { Stop = { "" } };

        await CheckAsync(four, accepted: true, "stop");
        Assert.Equal("stop", (await RejectedAsync(five)).ParamName);
        Assert.Equal("stop[0]", (await RejectedAsync(long21)).ParamName);
        Assert.Equal("stop[0]", (await RejectedAsync(empty)).ParamName);
    }

    [Fact]
    public async Task Validation_ACustomEndpointsCharacterLimitAppliesToThePrompt()
    {
        var spec = ModelSpec.ForCustomEndpoint("dolly", maxInputCharacters: 10);

        await CheckAsync(new CompletionRequest(spec, new string('字', 10)), accepted: true, "prompt");
        var ex = await RejectedAsync(new CompletionRequest(spec, new string('字', 11)));

        Assert.Equal("prompt", ex.ParamName);
        Assert.Equal("prompt must be at most 10 characters for dolly, was 11", ex.Message);
    }

    [Fact]
    public async Task Validation_AModelThatIsNoEndpointNameIsRejected()
    {
        var ex = await RejectedAsync(new CompletionRequest("a/b", "x"));

        Assert.Equal("model", ex.ParamName);
    }

    [Fact]
    public async Task Validation_AdditionalPropertiesMayNotRepeatAModelledField()
    {
        var request = new CompletionRequest("SQLCoder-7B", "x");
        request.AdditionalProperties["prompt"] = "again";

        var ex = await RejectedAsync(request);

        Assert.Equal("AdditionalProperties['prompt']", ex.ParamName);
    }

    private static async Task CheckAsync(CompletionRequest request, bool accepted, string field)
    {
        if (!accepted)
        {
            Assert.Equal(field, (await RejectedAsync(request)).ParamName);
            return;
        }

        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json(Answer));
        using var client = fake.CreateClient();
        var reply = await client.Completions.CompleteAsync(request);
        Assert.Equal("SELECT 1;", reply.Result);
        Assert.Single(fake.AreaRequests);
    }

    private static async Task<QianfanValidationException> RejectedAsync(CompletionRequest request)
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanValidationException>(() => client.Completions.CompleteAsync(request));
        var streamEx = Assert.Throws<QianfanValidationException>(() => client.Completions.StreamAsync(request));

        Assert.Equal(ex.Message, streamEx.Message);
        Assert.Empty(fake.Requests);
        return ex;
    }
}
