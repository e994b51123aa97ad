using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Chat;

/// <summary>
/// V2 chat (<c>/v2/chat/completions</c>): what it sends (body, bearer key, extra fields, UTF-8), what comes back
/// (replies, unknown fields, the HTTP answer and request id, streams to <c>[DONE]</c> with the usage-only tail),
/// its error bodies in every shape, and the documented request rules.
/// </summary>
public sealed class ChatCompletionsTests
{
    [Fact]
    public async Task Complete_SendsTheV2BodyWithTheBearerKey_AndReadsTheReply()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.Json(Responses.CompletionJson("一加一等于二")));
        using var client = fake.CreateV2Client();
        var request = new ChatCompletionRequest("ernie-4.0-8k")
        {
            Messages = { ChatMessage.System("你是老师"), ChatMessage.User("1+1?") },
            MaxCompletionTokens = 100,
            Temperature = 0.5f,
            FrequencyPenalty = 0.5f,
            ResponseFormat = ChatResponseFormat.JsonObject,
            Seed = 7,
        };

        var reply = await client.ChatCompletions.CompleteAsync(request);

        Assert.Equal("一加一等于二", reply.Content);
        Assert.Equal("stop", reply.Choices[0].FinishReason);
        Assert.Equal(8, reply.Usage!.TotalTokens);
        var sent = Assert.Single(fake.V2Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://qianfan.test/v2/chat/completions", sent.Uri.AbsoluteUri);
        Assert.Equal("application/json", sent.ContentType);
        Assert.Equal($"Bearer {FakeQianfan.V2ApiKey}", sent.Authorization);
        var root = sent.Json;
        Assert.Equal("ernie-4.0-8k", root.GetProperty("model").GetString());
        Assert.Equal("system", root.GetProperty("messages")[0].GetProperty("role").GetString());
        Assert.Equal(100, root.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal(0.5, root.GetProperty("frequency_penalty").GetDouble());
        Assert.Equal("json_object", root.GetProperty("response_format").GetProperty("type").GetString());
        Assert.Equal(7, root.GetProperty("seed").GetInt32());
        Assert.False(root.TryGetProperty("presence_penalty", out _));
        Assert.False(root.TryGetProperty("stream", out _));
        Assert.False(root.TryGetProperty("top_p", out _));
        Assert.False(root.TryGetProperty("tools", out _));
        Assert.Empty(fake.TokenRequests);
    }

    [Fact]
    public async Task Complete_ChineseIsSentAsRawUtf8NotAsEscapes()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateV2Client();

        await client.ChatCompletions.CompleteAsync(Ask("你好，\"千帆\""));

        var sent = Assert.Single(fake.V2Requests);
        Assert.Equal(
            Encoding.UTF8.GetBytes("""{"model":"ernie-4.0-8k","messages":[{"role":"user","content":"你好，\"千帆\""}]}"""),
            sent.BodyBytes);
    }

    [Fact]
    public async Task AdditionalProperties_AreSentAsTopLevelFields()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateV2Client();
        var request = Ask();
        request.AdditionalProperties["safety"] = new JsonObject { ["level"] = "strict" };
        request.AdditionalProperties["metadata"] = "tag-1";

        await client.ChatCompletions.CompleteAsync(request);

        var sent = Assert.Single(fake.V2Requests);
        Assert.Equal(["messages", "metadata", "model", "safety"], sent.JsonKeys);
        Assert.Equal("strict", sent.Json.GetProperty("safety").GetProperty("level").GetString());
        Assert.Equal("tag-1", sent.Json.GetProperty("metadata").GetString());
    }

    [Theory]
    [InlineData("model")]
    [InlineData("stream_options")]
    [InlineData("max_completion_tokens")]
    public async Task AdditionalProperties_NamingAFieldTheSdkSendsIsRejectedNamingIt(string field)
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateV2Client();
        var request = Ask();
        request.AdditionalProperties[field] = "x";

        var ex = await Assert.ThrowsAsync<QianfanValidationException>(() => client.ChatCompletions.CompleteAsync(request));

        Assert.Equal($"AdditionalProperties['{field}']", ex.ParamName);
        Assert.Contains($"'{field}'", ex.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Complete_ReplyCarriesItsHttpAnswerWithTheRequestIdHeader()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.Json(Responses.CompletionJson("好"), HttpStatusCode.OK, ("X-Baidu-Request-Id", "req-v2"), ("X-Ratelimit-Remaining-Tokens", "99")));
        using var client = fake.CreateV2Client();

        var reply = await client.ChatCompletions.CompleteAsync(Ask());

        Assert.Equal(HttpStatusCode.OK, reply.Response!.StatusCode);
        Assert.Equal("req-v2", reply.RequestId);
        Assert.Equal("99", reply.Response.GetHeader("X-Ratelimit-Remaining-Tokens"));
    }

    [Fact]
    public async Task Complete_WithoutTheRequestIdHeaderTheRequestIdIsTheBodysId()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.Json(Responses.CompletionJson("好", id: "as-v2-body")));
        using var client = fake.CreateV2Client();

        var reply = await client.ChatCompletions.CompleteAsync(Ask());

        Assert.Equal("as-v2-body", reply.RequestId);
        Assert.Equal("as-v2-body", reply.Response!.RequestId);
    }

    [Fact]
    public async Task Complete_UnknownFieldsAreKeptInAdditionalProperties()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.Json("""{"id":"as-1","choices":[],"citations":[{"index":1,"title":"千帆"}],"system_fingerprint":"fp-1"}"""));
        using var client = fake.CreateV2Client();

        var reply = await client.ChatCompletions.CompleteAsync(Ask());

        Assert.Equal(["citations", "system_fingerprint"], reply.AdditionalProperties!.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("千帆", reply.AdditionalProperties["citations"][0].GetProperty("title").GetString());
        Assert.Equal("fp-1", reply.AdditionalProperties["system_fingerprint"].GetString());
    }

    [Fact]
    public async Task Complete_NullOrMissingFieldsReadAsEmptyNeverNull()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.Json("""{"id":"as-1","choices":null,"usage":null}"""));
        using var client = fake.CreateV2Client();

        var reply = await client.ChatCompletions.CompleteAsync(Ask());

        Assert.Empty(reply.Choices);
        Assert.Equal("", reply.Content);
        Assert.Null(reply.FinishReason);
        Assert.Null(reply.Usage);
    }

    [Fact]
    public async Task Stream_YieldsEachPieceAndEndsAtDone_AskingForUsage()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.EventStream(Responses.V2Event("一加一") + Responses.V2Event("等于二", "stop")
            + """data: {"id":"as-1","object":"chat.completion.chunk","created":1,"model":"ernie-4.0-8k","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}}""" + "\n\n"
            + "data: [DONE]\n\n" + Responses.V2Event("never read")));
        using var client = fake.CreateV2Client();

        var chunks = await client.ChatCompletions.StreamAsync(Ask()).ToListAsync();

        Assert.Equal(3, chunks.Count);
        Assert.Equal("一加一等于二", string.Concat(chunks.Select(c => c.ContentDelta)));
        Assert.Equal("stop", chunks[1].Choices[0].FinishReason);
        Assert.Empty(chunks[2].Choices);
        Assert.Equal("", chunks[2].ContentDelta);
        Assert.Equal(8, chunks[2].Usage!.TotalTokens);
        var body = Assert.Single(fake.V2Requests).Json;
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public async Task Stream_EveryChunkCarriesTheHttpAnswer_TheRequestIdHeaderElseTheBodysId()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2InTurn(
            () => Responses.EventStream(Responses.V2Event("a") + Responses.V2Event("b") + "data: [DONE]\n\n", ("X-Baidu-Request-Id", "req-v2-stream")),
            () => Responses.EventStream(Responses.V2Event("a", id: "as-body") + Responses.V2Event("b", id: "as-body") + "data: [DONE]\n\n"));
        using var client = fake.CreateV2Client();

        var withHeader = await client.ChatCompletions.StreamAsync(Ask()).ToListAsync();
        var withoutHeader = await client.ChatCompletions.StreamAsync(Ask()).ToListAsync();

        Assert.All(withHeader, c => Assert.Equal("req-v2-stream", c.RequestId));
        Assert.All(withHeader, c => Assert.Equal(HttpStatusCode.OK, c.Response!.StatusCode));
        Assert.All(withoutHeader, c => Assert.Equal("as-body", c.RequestId));
    }

    [Fact]
    public async Task Stream_UnknownChunkFieldsAreKeptInAdditionalProperties()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.EventStream(
            """data: {"id":"as-1","choices":[{"index":0,"delta":{"content":"a"}}],"citations":[{"index":1}]}""" + "\n\n" + "data: [DONE]\n\n"));
        using var client = fake.CreateV2Client();

        var chunk = Assert.Single(await client.ChatCompletions.StreamAsync(Ask()).ToListAsync());

        Assert.Equal("a", chunk.ContentDelta);
        Assert.Equal(1, chunk.AdditionalProperties!["citations"][0].GetProperty("index").GetInt32());
    }

    [Fact]
    public async Task Stream_CutBeforeDone_ThrowsAfterThePiecesReceived()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.EventStream(Responses.V2Event("一半", "stop")));
        using var client = fake.CreateV2Client();
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<QianfanStreamEndedException>(async () =>
        {
            await foreach (var chunk in client.ChatCompletions.StreamAsync(Ask()))
            {
                received.Add(chunk.ContentDelta);
            }
        });

        Assert.Equal(["一半"], received);
        Assert.Equal(1, error.ChunksReceived);
    }

    [Fact]
    public async Task Stream_ErrorEvent_BecomesAQianfanExceptionWithTheStringCode()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.EventStream(
            Responses.V2Event("开始") + """data: {"error":{"code":"internal_error","message":"boom","type":"Internal_error"},"id":"as-9"}""" + "\n\n"));
        using var client = fake.CreateV2Client();

        var error = await Assert.ThrowsAsync<QianfanException>(async () => await client.ChatCompletions.StreamAsync(Ask()).ToListAsync());

        Assert.Equal("internal_error", error.ErrorName);
        Assert.Equal("boom", error.ErrorMessage);
    }

    [Fact]
    public async Task Stream_V1ErrorEnvelopeInAV2StreamIsAnErrorToo()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.EventStream(Responses.V2Event("开始") + """data: {"error_code":336100,"error_msg":"busy"}""" + "\n\n"));
        using var client = fake.CreateV2Client();

        var error = await Assert.ThrowsAsync<QianfanException>(async () => await client.ChatCompletions.StreamAsync(Ask()).ToListAsync());

        Assert.Equal(336100, error.ErrorCode);
        Assert.IsNotType<QianfanStreamEndedException>(error);
    }

    [Theory]
    [InlineData("""{"error_msg":"qps limit"}""", null, "qps limit")]
    [InlineData("""{"error":"rate limited"}""", null, "rate limited")]
    [InlineData("""{"error_code":"18","error_msg":"qps limit"}""", 18, "qps limit")]
    public async Task Stream_ErrorEventWithoutChoicesIsAnError_NotAnEmptyChunk(string errorEvent, int? code, string message)
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.EventStream(Responses.V2Event("开始") + "data: " + errorEvent + "\n\n" + "data: [DONE]\n\n"));
        using var client = fake.CreateV2Client();
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<QianfanException>(async () =>
        {
            await foreach (var chunk in client.ChatCompletions.StreamAsync(Ask()))
            {
                received.Add(chunk.ContentDelta);
            }
        });

        Assert.Equal(["开始"], received);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(message, error.ErrorMessage);
        Assert.IsNotType<QianfanStreamEndedException>(error);
    }

    [Theory]
    [InlineData("""{"error_msg":"qps limit"}""", null, "qps limit")]
    [InlineData("""{"error_code":336100,"error_msg":7}""", 336100, "7")]
    [InlineData("""{"error_code":18.0,"error_msg":"qps"}""", 18, "qps")]
    public async Task ErrorBody_InV1FormOnTheV2ApiIsAnErrorWithItsCode(string body, int? code, string message)
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.Json(body));
        using var client = fake.CreateV2Client();

        var error = await Assert.ThrowsAsync<QianfanException>(() => client.ChatCompletions.CompleteAsync(Ask()));

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(message, error.ErrorMessage);
    }

    [Fact]
    public async Task ErrorBody_BecomesAQianfanExceptionWithNameStatusAndId_AndIsNotRetried()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.Json("""{"error":{"code":"invalid_model","message":"model not found","type":"invalid_request_error"},"id":"as-42"}""", HttpStatusCode.BadRequest));
        using var client = fake.CreateV2Client(o =>
        {
            o.Retry.MaxRetries = 3;
            o.Retry.BaseDelay = TimeSpan.Zero;
        });

        var error = await Assert.ThrowsAsync<QianfanException>(() => client.ChatCompletions.CompleteAsync(Ask()).OrHang());

        Assert.Equal("invalid_model", error.ErrorName);
        Assert.Equal("model not found", error.ErrorMessage);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("as-42", error.RequestId);
        Assert.Null(error.ErrorCode);
        Assert.False(error.IsRetryable);
        Assert.Contains("invalid_model", error.Message, StringComparison.Ordinal);
        Assert.Single(fake.V2Requests);
    }

    [Fact]
    public async Task ErrorBody_RateLimited429IsARetryableErrorWithItsName()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.Json("""{"error":{"code":"rpm_rate_limit_exceeded","message":"Rate limit reached for RPM","type":"rate_limit_exceeded"},"id":"as-1"}""", HttpStatusCode.TooManyRequests));
        using var client = fake.CreateV2Client();

        var error = await Assert.ThrowsAsync<QianfanException>(() => client.ChatCompletions.CompleteAsync(Ask()));

        Assert.Equal("rpm_rate_limit_exceeded", error.ErrorName);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.True(error.IsRetryable);
    }

    [Theory]
    [InlineData("""{"error":"rate limited"}""", null, null, "rate limited")]
    [InlineData("""{"error":{"code":"invalid_model","message":"model not found"},"id":"as-7"}""", null, "invalid_model", "model not found")]
    [InlineData("""{"error":{"code":"336003","message":"bad param"}}""", 336003, "336003", "bad param")]
    [InlineData("""{"error":{"type":"server_error"}}""", null, "server_error", "(no message)")]
    public async Task ErrorBody_OfAnyShapeWithHttp200IsAQianfanException(string body, int? code, string? name, string message)
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.Json(body));
        using var client = fake.CreateV2Client();

        var error = await Assert.ThrowsAsync<QianfanException>(() => client.ChatCompletions.CompleteAsync(Ask()));

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(name, error.ErrorName);
        Assert.Equal(message, error.ErrorMessage);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Theory]
    [InlineData("rpm_rate_limit_exceeded", true)]
    [InlineData("tpm_rate_limit_exceeded", true)]
    [InlineData("user_rate_limit_exceeded", true)]
    [InlineData("invalid_model", false)]
    public async Task ErrorBody_ARateLimitNameInAnHttp200_IsRetryable(string name, bool retryable)
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2InTurn(() => Responses.Json($$$"""{"error":{"code":"{{{name}}}","message":"m"}}"""), () => Responses.Json(Responses.CompletionJson("第二次")));
        using var client = fake.CreateV2Client(o =>
        {
            o.Retry.MaxRetries = 2;
            o.Retry.BaseDelay = TimeSpan.Zero;
        });

        var call = client.ChatCompletions.CompleteAsync(Ask());
        if (retryable)
        {
            Assert.Equal("第二次", (await call.OrHang()).Content);
        }
        else
        {
            Assert.False((await Assert.ThrowsAsync<QianfanException>(() => call.OrHang())).IsRetryable);
        }

        Assert.Equal(retryable ? 2 : 1, fake.V2Requests.Count);
    }

    [Fact]
    public async Task ErrorBody_RequestIdIsTheHeaderElseTheBodysId()
    {
        using var fake = new FakeQianfan();
        const string body = """{"error":{"code":"invalid_model","message":"model not found"},"id":"as-body"}""";
        fake.RespondToV2InTurn(() => Responses.Json(body, HttpStatusCode.BadRequest, ("X-Baidu-Request-Id", "req-header")), () => Responses.Json(body, HttpStatusCode.BadRequest));
        using var client = fake.CreateV2Client();

        var withHeader = await Assert.ThrowsAsync<QianfanException>(() => client.ChatCompletions.CompleteAsync(Ask()));
        var withoutHeader = await Assert.ThrowsAsync<QianfanException>(() => client.ChatCompletions.CompleteAsync(Ask()));

        Assert.Equal("req-header", withHeader.RequestId);
        Assert.Equal("as-body", withoutHeader.RequestId);
    }

    [Fact]
    public async Task AReplyQuotingAnErrorBody_IsAReply()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.Json(Responses.CompletionJson("""{"error":{"code":"x"}} is what an error looks like""")));
        using var client = fake.CreateV2Client();

        var reply = await client.ChatCompletions.CompleteAsync(Ask());

        Assert.StartsWith("{\"error\"", reply.Content, StringComparison.Ordinal);
    }

    public static TheoryData<string, Action<ChatCompletionRequest>> BrokenRequests => new()
    {
        { "messages", r => r.Messages.Clear() },
        { "messages[1].role", r => r.Messages.Add(ChatMessage.System("late")) },
        { "messages[1].tool_call_id", r => r.Messages.Add(new ChatMessage(ChatRole.Tool, "result")) },
        { "messages[1].role", r => r.Messages.Add(ChatMessage.Assistant("last")) },
        { "messages[0].content", r => { r.Messages.Clear(); r.Messages.Add(ChatMessage.User(" ")); } },
        { "temperature", r => r.Temperature = 0 },
        { "top_p", r => r.TopP = 1.5f },
        { "penalty_score", r => r.PenaltyScore = 0.5f },
        { "max_completion_tokens", r => r.MaxCompletionTokens = 1 },
        { "stop", r => { foreach (var s in new[] { "a", "b", "c", "d", "e" }) r.Stop.Add(s); } },
        { "tool_choice", r => r.ToolChoice = "sometimes" },
        { "frequency_penalty", r => r.FrequencyPenalty = 2.5f },
        { "presence_penalty", r => r.PresencePenalty = -2.5f },
        { "thinking_budget", r => r.ThinkingBudget = 50 },
    };

    [Theory]
    [MemberData(nameof(BrokenRequests))]
    public async Task BrokenRequests_AreRejectedBeforeSending(string field, Action<ChatCompletionRequest> breakIt)
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateV2Client();
        var request = Ask();
        breakIt(request);

        var error = Assert.Throws<QianfanValidationException>(() => client.ChatCompletions.StreamAsync(request));
        await Assert.ThrowsAsync<QianfanValidationException>(() => client.ChatCompletions.CompleteAsync(request));

        Assert.Equal(field, error.ParamName);
        Assert.StartsWith(field.Split('[')[0], error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    private static ChatCompletionRequest Ask(string text = "你好") => new("ernie-4.0-8k") { Messages = { ChatMessage.User(text) } };
}
