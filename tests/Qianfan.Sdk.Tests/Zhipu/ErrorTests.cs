using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Qianfan.Sdk.Tests.TestSupport;
using Qianfan.Sdk.Zhipu;
using Qianfan.Sdk.Zhipu.Chat;
using Qianfan.Sdk.Zhipu.Errors;

namespace Qianfan.Sdk.Tests.Zhipu;

/// <summary>
/// The service's errors as typed exceptions that keep its code, and retries decided by the business code: 1302 and
/// 1305 come back with HTTP 429 as 1113 (balance exhausted) does, and only the first two are worth repeating.
/// </summary>
public sealed class ErrorTests
{
    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "1302", true)]
    [InlineData(HttpStatusCode.TooManyRequests, "1303", true)]
    [InlineData(HttpStatusCode.TooManyRequests, "1305", true)]
    [InlineData(HttpStatusCode.TooManyRequests, "1312", true)]
    [InlineData(HttpStatusCode.InternalServerError, "1200", true)]
    [InlineData(HttpStatusCode.InternalServerError, "500", true)]
    [InlineData(HttpStatusCode.TooManyRequests, "1113", false)]
    [InlineData(HttpStatusCode.TooManyRequests, "1304", false)]
    [InlineData(HttpStatusCode.TooManyRequests, "1308", false)]
    [InlineData(HttpStatusCode.BadRequest, "1210", false)]
    [InlineData(HttpStatusCode.BadRequest, "1214", false)]
    [InlineData(HttpStatusCode.BadRequest, "1211", false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "1301", false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "9999", true)]
    [InlineData(HttpStatusCode.BadRequest, "9999", false)]
    public void IsRetryable_IsDecidedByTheBusinessCode_ThenByTheStatus(HttpStatusCode status, string code, bool retryable)
    {
        Assert.Equal(retryable, new ZhipuException(code, "m", null, status).IsRetryable);
        Assert.Equal(retryable, ZhipuErrorCodes.IsRetryable(code, status));
    }

    [Fact]
    public async Task RateLimit1302_IsRetried_ThenSucceeds()
    {
        using var fake = new FakeZhipu();
        fake.RespondInTurn(
            () => ZhipuReplies.Error(HttpStatusCode.TooManyRequests, "1302", "您当前使用该API的并发数过高，请降低并发，或联系客服增加限额。"),
            () => ZhipuReplies.Json(ZhipuReplies.Completion("好")));
        using var client = fake.CreateClient(o => { o.Retry.MaxRetries = 2; o.Retry.BaseDelay = TimeSpan.Zero; });

        var call = client.Chat.CompleteAsync(Ask());
        var reply = await call.OrHang();

        Assert.Equal("好", reply.Content);
        Assert.Equal(2, fake.Requests.Count);
        Assert.True(fake.LogLines.Any(l => l.Contains("Retrying chat/completions", StringComparison.Ordinal) && l.Contains("after 1302", StringComparison.Ordinal)), string.Join("\n", fake.LogLines));
    }

    [Fact]
    public async Task InsufficientBalance1113_SharesHttp429ButIsNotRetried()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Error(HttpStatusCode.TooManyRequests, "1113", "您的账户已欠费，请充值后重试。"));
        using var client = fake.CreateClient(o => o.Retry.MaxRetries = 3);

        var error = await Assert.ThrowsAsync<ZhipuException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Equal(ZhipuErrorCodes.InsufficientBalance, error.ErrorCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.False(error.IsRetryable);
        Assert.Single(fake.Requests);
        Assert.DoesNotContain(fake.Time.TimersStarted, t => t < TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task ParameterError_IsTheServicesCodeAndMessage_NotRetried()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Error(HttpStatusCode.BadRequest, "1210", "The temperature parameter is illegal.：限制数值范围[0,1]"));
        using var client = fake.CreateClient(o => o.Retry.MaxRetries = 3);

        var error = await Assert.ThrowsAsync<ZhipuException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Equal("1210", error.ErrorCode);
        Assert.Equal("The temperature parameter is illegal.：限制数值范围[0,1]", error.ErrorMessage);
        Assert.Equal("Zhipu error 1210: The temperature parameter is illegal.：限制数值范围[0,1] (HTTP 400)", error.Message);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task AuthenticationCodes_AreAuthenticationExceptions()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Error(HttpStatusCode.Unauthorized, "1000", "身份验证失败。"));
        using var client = fake.CreateClient(o => o.Retry.MaxRetries = 3);

        var error = await Assert.ThrowsAsync<ZhipuAuthenticationException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Equal("1000", error.ErrorCode);
        Assert.Single(fake.Requests);
    }

    [Theory]
    [InlineData("""{"error":{"code":1214,"message":"messages 参数非法"}}""", "1214", "messages 参数非法")]
    [InlineData("""{"error":"service overloaded"}""", null, "service overloaded")]
    [InlineData("""{"code":1261,"msg":"Prompt 超长","success":false}""", "1261", "Prompt 超长")]
    public async Task ErrorBodies_OfEveryShape_AreZhipuExceptionsWithTheirCode(string body, string? code, string message)
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Json(body, HttpStatusCode.BadRequest));
        using var client = fake.CreateClient();

        var error = await Assert.ThrowsAsync<ZhipuException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(message, error.ErrorMessage);
    }

    [Fact]
    public async Task ErrorEnvelopeInAnHttp200_IsAnErrorNotAReply()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Json("""{"error":{"code":"1302","message":"并发数过高"}}"""));
        using var client = fake.CreateClient();

        var error = await Assert.ThrowsAsync<ZhipuException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Equal("1302", error.ErrorCode);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task GatewayHtmlPage_IsAZhipuExceptionWithTheStatus_RetriedAs5xx()
    {
        using var fake = new FakeZhipu();
        fake.RespondInTurn(
            () => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html><body>502 Bad Gateway</body></html>", Encoding.UTF8, "text/html") },
            () => ZhipuReplies.Json(ZhipuReplies.Completion("好")));
        using var client = fake.CreateClient(o => { o.Retry.MaxRetries = 1; o.Retry.BaseDelay = TimeSpan.Zero; });

        var call = client.Chat.CompleteAsync(Ask());

        Assert.Equal("好", (await call.OrHang()).Content);
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task RetryAfter_IsHonouredUpToTheLongestWait()
    {
        using var fake = new FakeZhipu();
        fake.RespondInTurn(
            () =>
            {
                var limited = ZhipuReplies.Error(HttpStatusCode.TooManyRequests, "1305", "该模型当前访问量过大，请您稍后再试");
                limited.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
                return limited;
            },
            () => ZhipuReplies.Json(ZhipuReplies.Completion("好")));
        using var client = fake.CreateClient(o => o.Retry.MaxRetries = 1);

        var call = client.Chat.CompleteAsync(Ask());
        await fake.Time.WaitForTimerAsync(TimeSpan.FromSeconds(3));
        fake.Time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal("好", (await call.OrHang()).Content);
    }

    [Fact]
    public async Task NotJsonAndNotAnError_IsAZhipuExceptionNeverAJsonException()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Json("{\"choices\":[{\"message\":"));
        using var client = fake.CreateClient();

        var error = await Assert.ThrowsAsync<ZhipuException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Contains("not valid JSON", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Exceptions_CarryNoSecretAndNameTheCode()
    {
        var error = new ZhipuException("1302", "并发数过高", "req-7", HttpStatusCode.TooManyRequests);

        Assert.Equal("Zhipu error 1302: 并发数过高 (HTTP 429) [request id req-7]", error.Message);
        Assert.Equal("the stream ended before data: [DONE] after 3 chunk(s)", new ZhipuStreamEndedException(3, null).ErrorMessage);
        Assert.True(new ZhipuStreamEndedException(0, null).IsRetryable);
        Assert.False(new ZhipuTaskFailedException("t-1", "FAIL", null).IsRetryable);
    }

    private static ChatCompletionRequest Ask() => new("glm-4") { Messages = { ChatMessage.User("你好") } };
}
