using System.Net;
using Qianfan.Sdk.DashScope.Errors;
using Qianfan.Sdk.DashScope.Generation;
using Qianfan.Sdk.Tests.Pipeline;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.DashScope;

/// <summary>
/// DashScope's errors as typed exceptions that keep its codes, and which of them the pipeline repeats: the codes of the
/// error table decide, <c>Throttling.AllocationQuota</c> by its message, <c>InternalError.Algo</c> by its status,
/// unknown codes and answers without a code by their HTTP status.
/// </summary>
public sealed class ErrorAndRetryTests : IDisposable
{
    private readonly FakeDashScope _fake = new();

    [Theory]
    [InlineData("RequestTimeOut", null, 408, true)]
    [InlineData("Throttling", null, 429, true)]
    [InlineData("Throttling.RateQuota", "Requests rate limit exceeded, please try again later.", 429, true)]
    [InlineData("Throttling.AllocationQuota", "Allocated quota exceeded, please increase your quota limit.", 429, true)]
    [InlineData("Throttling.AllocationQuota", "Free allocated quota exceeded.", 429, false)]
    [InlineData("LimitRequests", null, 429, true)]
    [InlineData("PrepaidBillOverdue", null, 429, false)]
    [InlineData("PostpaidBillOverdue", null, 429, false)]
    [InlineData("CommodityNotPurchased", null, 429, false)]
    [InlineData("InternalError", null, 500, true)]
    [InlineData("InternalError.Algo", null, 500, true)]
    [InlineData("InternalError.Algo", "Failed to download multimodal content", 400, false)]
    [InlineData("InternalError.Timeout", null, 500, true)]
    [InlineData("SystemError", null, 500, true)]
    [InlineData("ModelServiceFailed", null, 500, true)]
    [InlineData("ModelUnavailable", null, 503, true)]
    [InlineData("InvalidParameter", null, 400, false)]
    [InlineData("DataInspectionFailed", null, 400, false)]
    [InlineData("BadRequest.EmptyInput", null, 400, false)]
    [InlineData("Arrearage", null, 400, false)]
    [InlineData("UnsupportedOperation", null, 400, false)]
    [InlineData("InvalidApiKey", null, 401, false)]
    [InlineData("AccessDenied", null, 403, false)]
    [InlineData("Model.AccessDenied", null, 403, false)]
    [InlineData("ModelNotFound", null, 404, false)]
    [InlineData("BadRequest.TooLarge", null, 413, false)]
    [InlineData("SomethingNew", null, 503, true)]
    [InlineData("SomethingNew", null, 400, false)]
    [InlineData(null, null, 502, true)]
    [InlineData(null, null, 404, false)]
    public void TheRetryVerdict_FollowsTheErrorTable(string? code, string? message, int status, bool retryable)
    {
        Assert.Equal(retryable, DashScopeErrorCodes.IsRetryable(code, message, (HttpStatusCode)status));
        Assert.Equal(retryable, new DashScopeException(code, message ?? "m", null, (HttpStatusCode)status).IsRetryable);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later.")]
    [InlineData(HttpStatusCode.TooManyRequests, "Throttling.AllocationQuota", "Allocated quota exceeded, please increase your quota limit.")]
    [InlineData(HttpStatusCode.InternalServerError, "InternalError", "An internal error has occured, please try again later.")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "ModelUnavailable", "Model is unavailable, please try again later.")]
    public async Task ARetryableCode_IsRepeated_ThenTheAnswerReturned(HttpStatusCode status, string code, string message)
    {
        _fake.RespondInTurn(() => DashScopeReplies.Error(status, code, message), () => DashScopeReplies.Json(DashScopeReplies.TextReply));
        using var client = _fake.CreateClient(o => { o.Retry.MaxRetries = 2; o.Retry.BaseDelay = TimeSpan.Zero; });

        var reply = await client.Generation.CompleteAsync(Request()).OrHang();

        Assert.Equal(2, _fake.Requests.Count);
        Assert.NotEmpty(reply.Text);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "InvalidParameter", "Range of input length should be [1, 6000]")]
    [InlineData(HttpStatusCode.TooManyRequests, "Throttling.AllocationQuota", "Free allocated quota exceeded.")]
    [InlineData(HttpStatusCode.BadRequest, "DataInspectionFailed", "Input data may contain inappropriate content.")]
    [InlineData(HttpStatusCode.Forbidden, "AccessDenied", "Current user api does not support synchronous calls.")]
    public async Task AFinalCode_IsNotRepeated_AndKeptInTheException(HttpStatusCode status, string code, string message)
    {
        _fake.Respond(() => DashScopeReplies.Error(status, code, message));
        using var client = _fake.CreateClient(o => { o.Retry.MaxRetries = 3; o.Retry.BaseDelay = TimeSpan.Zero; });

        var error = await Assert.ThrowsAsync<DashScopeException>(() => client.Generation.CompleteAsync(Request())).OrHang();

        Assert.Single(_fake.Requests);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.ErrorMessage);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("a1c0561c-e8d2-9a4b-ad81-41f4d84f1c43", error.RequestId);
        Assert.Contains($"DashScope error {code}: {message} (HTTP {(int)status}) [request id a1c0561c-e8d2-9a4b-ad81-41f4d84f1c43]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARejectedKey_SaysWhichHostItWasSentTo_AndIsNotRepeated()
    {
        _fake.Respond(() => DashScopeReplies.Error(HttpStatusCode.Unauthorized, "InvalidApiKey", "Invalid API-key provided."));
        using var client = _fake.CreateClient(o => o.Retry.MaxRetries = 3);

        var error = await Assert.ThrowsAsync<DashScopeException>(() => client.Generation.CompleteAsync(Request())).OrHang();

        Assert.Single(_fake.Requests);
        Assert.Equal(DashScopeErrorCodes.InvalidApiKey, error.Code);
        Assert.Contains("sent to dashscope.test", error.Message, StringComparison.Ordinal);
        Assert.Contains("bound to their region", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeDashScope.ApiKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorWithMsgInsteadOfMessage_KeepsItsText()
    {
        _fake.Respond(() => DashScopeReplies.Json("""{"code":"InvalidParameter","msg":"url error","request_id":"r"}""", HttpStatusCode.BadRequest));
        using var client = _fake.CreateClient();

        var error = await Assert.ThrowsAsync<DashScopeException>(() => client.Generation.CompleteAsync(Request())).OrHang();

        Assert.Equal("url error", error.ErrorMessage);
    }

    [Fact]
    public async Task AGatewayPage_IsMalformed_AndRepeatedByItsStatus()
    {
        _fake.RespondInTurn(() => TestReplies.Text("<html>502 Bad Gateway</html>", "text/html", HttpStatusCode.BadGateway), () => DashScopeReplies.Json(DashScopeReplies.TextReply));
        using var client = _fake.CreateClient(o => { o.Retry.MaxRetries = 1; o.Retry.BaseDelay = TimeSpan.Zero; });

        var reply = await client.Generation.CompleteAsync(Request()).OrHang();

        Assert.Equal(2, _fake.Requests.Count);
        Assert.NotEmpty(reply.Text);
    }

    [Fact]
    public async Task AThrottlingErrorEvent_BeforeTheFirstPiece_IsRepeated()
    {
        var throttled = DashScopeReplies.Event(1, DashScopeReplies.ErrorJson("Throttling.RateQuota", "Requests rate limit exceeded, please try again later."), "error", 429);
        _fake.RespondInTurn(() => DashScopeReplies.Stream(throttled), () => DashScopeReplies.Stream(DashScopeReplies.TextStream(false, "好")));
        using var client = _fake.CreateClient(o => { o.Retry.MaxRetries = 1; o.Retry.BaseDelay = TimeSpan.Zero; });

        var reply = await client.Generation.StreamAsync(Request()).ToResponseAsync().OrHang();

        Assert.Equal(2, _fake.Requests.Count);
        Assert.Equal("好", reply.Text);
    }

    [Fact]
    public async Task AFailedCall_LogsItsCode_NeverTheKey()
    {
        _fake.Respond(() => DashScopeReplies.Error(HttpStatusCode.BadRequest, "InvalidParameter", "bad"));
        using var client = _fake.CreateClient();

        await Assert.ThrowsAsync<DashScopeException>(() => client.Generation.CompleteAsync(Request())).OrHang();

        var lines = _fake.Logs.GetSnapshot().Select(r => r.Message).ToList();
        Assert.Contains(lines, l => l.Contains("failed with error InvalidParameter: bad", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(FakeDashScope.ApiKey, StringComparison.Ordinal));
    }

    public void Dispose() => _fake.Dispose();

    private static GenerationRequest Request() => new("qwen-turbo") { Prompt = "1+1" };
}
