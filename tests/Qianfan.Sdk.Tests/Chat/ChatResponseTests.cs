using System.Net;
using System.Text.Json;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Protocol;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Chat;

/// <summary>
/// V1 sync replies as they come back: the fields, unknown fields, the HTTP answer and request id, the rate-limit
/// headers, and every kind of failure the service (or a proxy) answers, whatever the shape of its error body.
/// </summary>
public sealed class ChatResponseTests
{
    [Fact]
    public async Task Reply_MapsEveryField()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Json("""
            {"id":"as-bcmt5ct4iy","object":"chat.completion","created":1680167072,"result":"您好,我是文心一言","is_truncated":true,
             "finish_reason":"length","need_clear_history":true,"ban_round":-1,"flag":1,
             "usage":{"prompt_tokens":7,"completion_tokens":67,"total_tokens":74}}
            """));
        using var client = fake.CreateClient();

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal("as-bcmt5ct4iy", reply.Id);
        Assert.Equal("chat.completion", reply.ObjectType);
        Assert.Equal(1680167072, reply.Created);
        Assert.Equal("您好,我是文心一言", reply.Result);
        Assert.True(reply.IsTruncated);
        Assert.Equal("length", reply.FinishReason);
        Assert.True(reply.NeedClearHistory);
        Assert.Equal(-1, reply.BanRound);
        Assert.Equal(1, reply.Flag);
        Assert.Equal(new TokenUsage { PromptTokens = 7, CompletionTokens = 67, TotalTokens = 74 }, reply.Usage);
    }

    [Fact]
    public async Task Reply_OptionalFieldsAbsentAreNullOrFalse()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Json("""{"id":"as-1","result":"ok"}"""));
        using var client = fake.CreateClient();

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal("ok", reply.Result);
        Assert.False(reply.IsTruncated);
        Assert.False(reply.NeedClearHistory);
        Assert.Null(reply.BanRound);
        Assert.Null(reply.Flag);
        Assert.Null(reply.Usage);
        Assert.Null(reply.FinishReason);
        Assert.Null(reply.RateLimit);
        Assert.Null(reply.AdditionalProperties);
    }

    [Fact]
    public async Task Reply_NullFieldsReadAsEmptyOrNull()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Json("""{"id":"as-1","result":null,"finish_reason":null,"ban_round":null,"usage":null}"""));
        using var client = fake.CreateClient();

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal("", reply.Result);
        Assert.Null(reply.FinishReason);
        Assert.Null(reply.BanRound);
        Assert.Null(reply.Usage);
    }

    [Fact]
    public async Task Reply_RateLimitHeadersAreReported()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Reply(
            "hi",
            false,
            ("X-Ratelimit-Limit-Requests", "300"),
            ("X-Ratelimit-Limit-Tokens", "300000"),
            ("X-Ratelimit-Remaining-Requests", "299"),
            ("X-Ratelimit-Remaining-Tokens", "299950")));
        using var client = fake.CreateClient();

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal(
            new RateLimitInfo { LimitRequests = 300, LimitTokens = 300_000, RemainingRequests = 299, RemainingTokens = 299_950 },
            reply.RateLimit);
    }

    [Fact]
    public async Task Reply_PartialRateLimitHeadersLeaveTheOthersNull()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Reply("hi", false, ("x-ratelimit-remaining-requests", "5"), ("X-Ratelimit-Limit-Tokens", "not-a-number")));
        using var client = fake.CreateClient();

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal(new RateLimitInfo { RemainingRequests = 5 }, reply.RateLimit);
    }

    [Fact]
    public async Task Reply_RequestIdHeaderIsReported()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Reply("hi", false, ("X-Baidu-Request-Id", "d0e4c6f1-2b3a-4c5d")));
        using var client = fake.CreateClient();

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal("d0e4c6f1-2b3a-4c5d", reply.RequestId);
    }

    [Fact]
    public async Task Reply_CarriesItsHttpAnswer()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Reply("hi", false, ("X-Baidu-Request-Id", "req-1"), ("X-Custom-Header", "custom value")));
        using var client = fake.CreateClient();

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal(HttpStatusCode.OK, reply.Response!.StatusCode);
        Assert.Equal("req-1", reply.Response.RequestId);
        Assert.Equal("custom value", reply.Response.GetHeader("X-Custom-Header"));
        Assert.Null(reply.Response.GetHeader("X-Not-Sent"));
    }

    [Fact]
    public async Task Reply_WithoutTheRequestIdHeaderTheRequestIdIsTheBodysId()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Json("""{"id":"as-1","result":"ok"}"""));
        using var client = fake.CreateClient();

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal("as-1", reply.RequestId);
        Assert.Equal("as-1", reply.Response!.RequestId);
    }

    [Fact]
    public async Task Reply_UnknownFieldsAreKeptInAdditionalProperties()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Json("""{"id":"as-1","result":"ok","plugin_info":{"results":[{"index":1,"url":"https://example.test"}]},"trace":null,"new_count":3}"""));
        using var client = fake.CreateClient();

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal("ok", reply.Result);
        Assert.Equal(["new_count", "plugin_info", "trace"], reply.AdditionalProperties!.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(3, reply.AdditionalProperties["new_count"].GetInt32());
        Assert.Equal(JsonValueKind.Null, reply.AdditionalProperties["trace"].ValueKind);
        Assert.Equal("https://example.test", reply.AdditionalProperties["plugin_info"].GetProperty("results")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task Error_WithHttp200ThrowsQianfanExceptionWithCodeMessageAndRequestId()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Error(336003, "the length of messages must be an odd number", requestId: "req-336003"));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Equal(336003, ex.ErrorCode);
        Assert.Equal(QianfanErrorCodes.InvalidParam, ex.ErrorCode);
        Assert.Equal("the length of messages must be an odd number", ex.ErrorMessage);
        Assert.Equal("req-336003", ex.RequestId);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.False(ex.IsRetryable);
        Assert.Contains("336003", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the length of messages must be an odd number", ex.Message, StringComparison.Ordinal);
        Assert.Contains("req-336003", ex.Message, StringComparison.Ordinal);
        AssertNoSecret(ex);
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(18, true)]
    [InlineData(336100, true)]
    [InlineData(336501, true)]
    [InlineData(336502, true)]
    [InlineData(15, true)]
    [InlineData(336003, false)]
    [InlineData(17, false)]
    [InlineData(4, false)]
    [InlineData(336000, false)]
    public async Task Error_IsRetryableOnlyForTheServicesTryAgainCodes(int code, bool retryable)
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Error(code));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(retryable, ex.IsRetryable);
        Assert.Equal(retryable, QianfanErrorCodes.IsRetryable(code));
        Assert.Single(fake.ChatRequests);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    public async Task Error_HttpStatusWithoutErrorCodeDecidesRetryable(HttpStatusCode status, bool retryable)
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Json("""{"message":"busy"}""", status, ("X-Baidu-Request-Id", "req-http")));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Null(ex.ErrorCode);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(retryable, ex.IsRetryable);
        Assert.Equal("req-http", ex.RequestId);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_ServiceErrorCodeWithHttp503KeepsBoth()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Error(336003, "bad", HttpStatusCode.ServiceUnavailable));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Equal(336003, ex.ErrorCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.True(ex.IsRetryable);
    }

    [Theory]
    [InlineData("""{"error_code":"18","error_msg":"Open api qps request limit reached"}""", 18, "Open api qps request limit reached", true)]
    [InlineData("""{"error_code":336100.0,"error_msg":"system is busy"}""", 336100, "system is busy", true)]
    [InlineData("""{"error_code":336003,"error_msg":12345}""", 336003, "12345", false)]
    public async Task Error_V1EnvelopeOfAnyJsonTypeIsAQianfanExceptionWithItsCode(string body, int code, string message, bool retryable)
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Json(body));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(message, ex.ErrorMessage);
        Assert.Equal(retryable, ex.IsRetryable);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
    }

    [Theory]
    [InlineData("""{"error_msg":"qps limit"}""", "qps limit")]
    [InlineData("""{"id":"as-1","error_msg":{"reason":"quota"}}""", """{"reason":"quota"}""")]
    [InlineData("""{"error_code":null,"error_msg":"no code given"}""", "no code given")]
    public async Task Error_V1MessageWithoutACodeIsStillAnError(string body, string message)
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Json(body));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Null(ex.ErrorCode);
        Assert.Equal(message, ex.ErrorMessage);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
    }

    [Theory]
    [InlineData("{\"error_msg\":null,\"id\":\"as-", "-1\",\"result\":\"ok\"}")]
    [InlineData("{\"error_code\":18,\"error_msg\":\"qps ", " limit\"}")]
    [InlineData("{\"error_msg\":\"qps ", " limit\",\"error_code\":18}")]
    public async Task Error_InvalidUtf8InABodyThatLooksLikeAnError_IsAQianfanException(string before, string after)
    {
        using var fake = new FakeQianfan();
        byte[] body = [.. System.Text.Encoding.UTF8.GetBytes(before), 0xE9, .. System.Text.Encoding.UTF8.GetBytes(after)]; // 0xE9 alone is no UTF-8
        fake.RespondToChat(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } } });
        using var client = fake.CreateClient();

        var error = await Assert.ThrowsAnyAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Equal(before.Contains("error_msg\":\"", StringComparison.Ordinal) ? 18 : null, error.ErrorCode);
    }

    [Fact]
    public async Task Reply_WithANullErrorMessageIsAReply()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Json("""{"id":"as-1","result":"好","error_code":null,"error_msg":null}"""));
        using var client = fake.CreateClient();

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal("好", reply.Result);
    }

    [Fact]
    public async Task Error_V1CodeThatIsNoNumberIsKeptAsTheErrorName()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Json("""{"error_code":"E_QUOTA","error_msg":"quota used up"}"""));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Null(ex.ErrorCode);
        Assert.Equal("E_QUOTA", ex.ErrorName);
        Assert.Equal("quota used up", ex.ErrorMessage);
    }

    [Fact]
    public async Task Error_BceGatewayEnvelopeIsAQianfanExceptionWithItsCodeAndRequestId()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Json("""{"requestId":"req-bce","code":"AccessDenied","message":"Access denied."}""", HttpStatusCode.Forbidden));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Null(ex.ErrorCode);
        Assert.Equal("AccessDenied", ex.ErrorName);
        Assert.Equal("Access denied.", ex.ErrorMessage);
        Assert.Equal("req-bce", ex.RequestId);
        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task Error_RequestIdHeaderWinsOverTheBodysId()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Json("""{"requestId":"req-body","code":"InternalError","message":"boom"}""", HttpStatusCode.InternalServerError, ("X-Baidu-Request-Id", "req-header")));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Equal("req-header", ex.RequestId);
    }

    [Fact]
    public async Task Error_RetryAfterHeaderIsReportedOnTheException()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() =>
        {
            var response = Responses.Error(336501, "rpm limit", HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return response;
        });
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
    }

    [Fact]
    public async Task Error_HtmlPageFromAProxyIsAQianfanExceptionNamingTheStatus()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Text("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", "text/html", HttpStatusCode.BadGateway));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Contains("502", ex.Message, StringComparison.Ordinal);
        Assert.Contains("text/html", ex.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.True(ex.IsRetryable);
        Assert.Null(ex.ErrorCode);
        Assert.IsNotType<JsonException>(ex.InnerException);
    }

    [Fact]
    public async Task Error_NonJsonWithHttp200IsAQianfanException()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Text("OK", "text/plain", HttpStatusCode.OK));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Contains("not JSON", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsRetryable);
    }

    [Theory]
    [InlineData("""{"id":"as-1","result":""")]
    [InlineData("""{"id":"as-1","created":"yesterday","result":"x"}""")]
    [InlineData("{")]
    public async Task Error_MalformedJsonIsAQianfanException(string body)
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Json(body));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.IsType<JsonException>(ex.InnerException, exactMatch: false);
        Assert.Null(ex.ErrorCode);
    }

    [Fact]
    public async Task Error_EmptyBodyIsAQianfanException()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Json(""));
        using var client = fake.CreateClient();

        await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()));
    }

    [Fact]
    public async Task Reply_WhoseTextMentionsErrorCodeIsNotAnError()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Reply("""the JSON key "error_code": 336003 means invalid param"""));
        using var client = fake.CreateClient();

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal("""the JSON key "error_code": 336003 means invalid param""", reply.Result);
    }

    [Fact]
    public void ErrorCodes_TokenRejectionCodesAreKnown()
    {
        Assert.True(QianfanErrorCodes.IsTokenRejected(110));
        Assert.True(QianfanErrorCodes.IsTokenRejected(111));
        Assert.False(QianfanErrorCodes.IsTokenRejected(336003));
        Assert.False(QianfanErrorCodes.IsTokenRejected(null));
    }

    private static ChatRequest Ask()
    {
        var request = new ChatRequest("ERNIE-Speed-8K");
        request.Messages.Add(ChatMessage.User("hi"));
        return request;
    }

    private static void AssertNoSecret(Exception ex)
    {
        var text = ex.ToString();
        Assert.DoesNotContain(FakeQianfan.SecretKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("token-1", text, StringComparison.Ordinal);
    }
}
