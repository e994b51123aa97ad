using System.Net;
using System.Text;
using System.Text.Json;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Tests.TestSupport;
using Qianfan.Sdk.V2;
using RichardSzalay.MockHttp;

namespace Qianfan.Sdk.Tests.Chat;

public sealed class V2ChatCompletionsTests
{
    private const string V2Base = "https://qianfan.test";
    private const string IamBase = "https://iam.test";
    private const string V2Key = "bce-v3/ALTAK-unit/unit-v2-secret";

    private static ChatCompletionRequest Ask(string text = "你好") => new("ernie-4.0-8k") { Messages = { ChatMessage.User(text) } };

    private static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Events(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "text/event-stream") };

    private static string Completion(string content) =>
        """{"id":"as-1","object":"chat.completion","created":1,"model":"ernie-4.0-8k","choices":[{"index":0,"message":{"role":"assistant","content":"""
        + JsonSerializer.Serialize(content)
        + """},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}}""";

    private static string Chunk(string content, string? finish = null) =>
        """data: {"id":"as-1","object":"chat.completion.chunk","created":1,"model":"ernie-4.0-8k","choices":[{"index":0,"delta":{"content":"""
        + JsonSerializer.Serialize(content)
        + """},"finish_reason":"""
        + (finish is null ? "null" : JsonSerializer.Serialize(finish))
        + "}]}\n\n";

    private static QianfanClient Client(MockHttpMessageHandler mock, Action<QianfanOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new QianfanOptions
        {
            V2BaseUrl = new Uri(V2Base),
            IamBaseUrl = new Uri(IamBase),
            V2ApiKey = V2Key,
            Retry = new QianfanRetryOptions { MaxRetries = 0 },
        };
        configure?.Invoke(options);
        return new QianfanClient(options, mock.ToHttpClient(), timeProvider: time);
    }

    [Fact]
    public async Task Complete_SendsTheV2BodyWithTheBearerKey_AndReadsTheReply()
    {
        using var mock = new MockHttpMessageHandler();
        string? body = null;
        string? authorization = null;
        mock.When(HttpMethod.Post, $"{V2Base}/v2/chat/completions").Respond(async request =>
        {
            body = await request.Content!.ReadAsStringAsync();
            authorization = request.Headers.Authorization?.ToString();
            return Json(Completion("一加一等于二"));
        });
        using var client = Client(mock);
        var request = new ChatCompletionRequest("ernie-4.0-8k")
        {
            Messages = { ChatMessage.System("你是老师"), ChatMessage.User("1+1?") },
            MaxCompletionTokens = 100,
            Temperature = 0.5f,
            FrequencyPenalty = 0.5f,
            ResponseFormat = "json_object",
            Seed = 7,
        };

        var reply = await client.ChatCompletions.CompleteAsync(request);

        Assert.Equal("一加一等于二", reply.Content);
        Assert.Equal("stop", reply.Choices[0].FinishReason);
        Assert.Equal(8, reply.Usage!.TotalTokens);
        Assert.Equal($"Bearer {V2Key}", authorization);
        using var json = JsonDocument.Parse(body!);
        var root = json.RootElement;
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
    }

    [Fact]
    public async Task Stream_YieldsEachPieceAndEndsAtDone_AskingForUsage()
    {
        using var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.When(HttpMethod.Post, $"{V2Base}/v2/chat/completions").Respond(async request =>
        {
            body = await request.Content!.ReadAsStringAsync();
            return Events(Chunk("一加一") + Chunk("等于二", "stop")
                + """data: {"id":"as-1","object":"chat.completion.chunk","created":1,"model":"ernie-4.0-8k","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}}""" + "\n\n"
                + "data: [DONE]\n\n" + Chunk("never read"));
        });
        using var client = Client(mock);

        var chunks = await client.ChatCompletions.StreamAsync(Ask()).ToListAsync();

        Assert.Equal(3, chunks.Count);
        Assert.Equal("一加一等于二", string.Concat(chunks.Select(c => c.ContentDelta)));
        Assert.Equal("stop", chunks[1].Choices[0].FinishReason);
        Assert.Equal(8, chunks[2].Usage!.TotalTokens);
        Assert.Contains("\"stream\":true", body, StringComparison.Ordinal);
        Assert.Contains("\"include_usage\":true", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_CutBeforeDone_ThrowsAfterThePiecesReceived()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, $"{V2Base}/v2/chat/completions").Respond(_ => Events(Chunk("一半")));
        using var client = Client(mock);
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
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, $"{V2Base}/v2/chat/completions").Respond(_ =>
            Events(Chunk("开始") + """data: {"error":{"code":"internal_error","message":"boom","type":"Internal_error"},"id":"as-9"}""" + "\n\n"));
        using var client = Client(mock);

        var error = await Assert.ThrowsAsync<QianfanException>(async () => await client.ChatCompletions.StreamAsync(Ask()).ToListAsync());

        Assert.Equal("internal_error", error.ErrorName);
        Assert.Equal("boom", error.ErrorMessage);
    }

    [Fact]
    public async Task ErrorBody_BecomesAQianfanExceptionWithNameStatusAndId_AndIsNotRetried()
    {
        using var mock = new MockHttpMessageHandler();
        var calls = 0;
        mock.When(HttpMethod.Post, $"{V2Base}/v2/chat/completions").Respond(_ =>
        {
            calls++;
            return Json("""{"error":{"code":"invalid_model","message":"model not found","type":"invalid_request_error"},"id":"as-42"}""", HttpStatusCode.BadRequest);
        });
        using var client = Client(mock, o => o.Retry = new QianfanRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1) });

        var error = await Assert.ThrowsAsync<QianfanException>(() => client.ChatCompletions.CompleteAsync(Ask()));

        Assert.Equal("invalid_model", error.ErrorName);
        Assert.Equal("model not found", error.ErrorMessage);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("as-42", error.RequestId);
        Assert.Null(error.ErrorCode);
        Assert.False(error.IsRetryable);
        Assert.Contains("invalid_model", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task RateLimited429_IsRetriedAndSucceeds()
    {
        using var mock = new MockHttpMessageHandler();
        var calls = 0;
        mock.When(HttpMethod.Post, $"{V2Base}/v2/chat/completions").Respond(_ => ++calls == 1
            ? Json("""{"error":{"code":"rpm_rate_limit_exceeded","message":"Rate limit reached for RPM","type":"rate_limit_exceeded"},"id":"as-1"}""", HttpStatusCode.TooManyRequests)
            : Json(Completion("好了")));
        using var client = Client(mock, o => o.Retry = new QianfanRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1) });

        var reply = await client.ChatCompletions.CompleteAsync(Ask());

        Assert.Equal("好了", reply.Content);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task AReplyQuotingAnErrorBody_IsAReply()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, $"{V2Base}/v2/chat/completions").Respond(_ => Json(Completion("""{"error":{"code":"x"}} is what an error looks like""")));
        using var client = Client(mock);

        var reply = await client.ChatCompletions.CompleteAsync(Ask());

        Assert.StartsWith("{\"error\"", reply.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IamKeys_GetASignedBearerTokenOnce_AndRenewItAfterA401()
    {
        using var mock = new MockHttpMessageHandler();
        var tokens = 0;
        var seen = new List<string?>();
        var rejectNext = false;
        mock.When(HttpMethod.Get, $"{IamBase}/v1/BCE-BEARER/token").Respond(request =>
        {
            Assert.StartsWith("bce-auth-v1/iam-ak/", request.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
            Assert.True(request.Headers.Contains("x-bce-date"));
            Assert.Contains("expireInSeconds=86400", request.RequestUri!.Query, StringComparison.Ordinal);
            tokens++;
            return Json($$"""{"userId":"u","token":"bce-v3/ALTAK-t{{tokens}}/s","status":"enable","createTime":"2026-11-24T00:00:00Z","expireTime":"2099-01-01T00:00:00Z"}""");
        });
        mock.When(HttpMethod.Post, $"{V2Base}/v2/chat/completions").Respond(request =>
        {
            seen.Add(request.Headers.Authorization?.Parameter);
            if (rejectNext)
            {
                rejectNext = false;
                return Json("""{"error":{"code":"invalid_iam_token","message":"IAM Certification failed","type":"invalid_request_error"},"id":"as-1"}""", HttpStatusCode.Unauthorized);
            }

            return Json(Completion("好"));
        });
        using var client = Client(mock, o =>
        {
            o.V2ApiKey = null;
            o.IamAccessKey = "iam-ak";
            o.IamSecretKey = "iam-sk";
        });

        await client.ChatCompletions.CompleteAsync(Ask());
        await client.ChatCompletions.CompleteAsync(Ask());
        rejectNext = true;
        await client.ChatCompletions.CompleteAsync(Ask());

        Assert.Equal(2, tokens);
        Assert.Equal(["bce-v3/ALTAK-t1/s", "bce-v3/ALTAK-t1/s", "bce-v3/ALTAK-t1/s", "bce-v3/ALTAK-t2/s"], seen);
    }

    [Fact]
    public async Task ARefusedBearerTokenRequest_IsAnAuthenticationException()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, $"{IamBase}/v1/BCE-BEARER/token").Respond(_ =>
            Json("""{"requestId":"r","code":"AccessDenied","message":"Access denied."}""", HttpStatusCode.Forbidden));
        using var client = Client(mock, o =>
        {
            o.V2ApiKey = null;
            o.IamAccessKey = "iam-ak";
            o.IamSecretKey = "iam-secret-that-must-not-leak";
        });

        var error = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => client.ChatCompletions.CompleteAsync(Ask()));

        Assert.Equal("AccessDenied", error.Error);
        Assert.DoesNotContain("iam-secret-that-must-not-leak", error.Message, StringComparison.Ordinal);
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
        { "response_format", r => r.ResponseFormat = "yaml" },
    };

    [Theory]
    [MemberData(nameof(BrokenRequests))]
    public async Task BrokenRequests_AreRejectedBeforeSending(string field, Action<ChatCompletionRequest> breakIt)
    {
        using var mock = new MockHttpMessageHandler();
        var sent = 0;
        mock.When("*").Respond(_ =>
        {
            sent++;
            return Json(Completion("x"));
        });
        using var client = Client(mock);
        var request = Ask();
        breakIt(request);

        var error = Assert.Throws<QianfanValidationException>(() => client.ChatCompletions.StreamAsync(request));
        await Assert.ThrowsAsync<QianfanValidationException>(() => client.ChatCompletions.CompleteAsync(request));

        Assert.Equal(field, error.ParamName);
        Assert.StartsWith(field.Split('[')[0], error.Message, StringComparison.Ordinal);
        Assert.Equal(0, sent);
    }
}
