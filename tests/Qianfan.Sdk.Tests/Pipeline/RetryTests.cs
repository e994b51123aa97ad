using System.Net;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>
/// The retry policy: what is repeated (what the profile calls retryable, dropped connections, broken bodies, attempts
/// past their timeout), how often, how long it waits (backoff, <c>Retry-After</c>, the overall timeout), and what
/// never is. Retries are on with no backoff unless a test needs one; waits are on the fake clock.
/// </summary>
public sealed class RetryTests
{
    [Fact]
    public async Task Send_RetryableErrorIsRepeatedUntilItSucceeds()
    {
        using var api = WithRetries(3);
        api.Service.RespondInTurn(() => TestReplies.Error("busy", retryable: true), () => TestReplies.Error("busy", retryable: true), () => TestReplies.Result("third time"));

        var result = await api.SendAsync().OrHang();

        Assert.Equal("third time", result.Text);
        Assert.Equal(3, api.Service.Requests.Count);
        Assert.All(api.Service.Requests, r => Assert.Equal(api.Body, r.BodyBytes));
        Assert.Equal(3, api.Authorizer.Authorizations);
    }

    [Fact]
    public async Task Send_RetriesStopAfterMaxRetriesAndSurfaceTheLastError()
    {
        using var api = WithRetries(2);
        var attempt = 0;
        api.Service.Respond(() => TestReplies.Error("busy", $"attempt {++attempt}", retryable: true, headers: (TestProfile.RequestIdHeaderName, $"req-{attempt}")));

        var ex = await Assert.ThrowsAsync<TestApiException>(() => api.SendAsync().OrHang());

        Assert.Equal("busy", ex.Code);
        Assert.Equal("attempt 3", ex.ErrorMessage);
        Assert.Equal("req-3", ex.Response!.RequestId);
        Assert.Equal(3, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Send_NonRetryableErrorIsNotRepeated()
    {
        using var api = WithRetries(3);
        api.Service.Respond(() => TestReplies.Error("invalid_param"));

        var ex = await Assert.ThrowsAsync<TestApiException>(() => api.SendAsync().OrHang());

        Assert.Equal("invalid_param", ex.Code);
        Assert.Single(api.Service.Requests);
    }

    [Fact]
    public async Task Send_AnswerTheProfileCallsRetryableIsRepeated()
    {
        // The test profile calls an unreadable 503 retryable, as Qianfan's does for 408, 429 and 5xx.
        using var api = WithRetries(3);
        api.Service.RespondInTurn(() => TestReplies.Text("<html>busy</html>", "text/html", HttpStatusCode.ServiceUnavailable), () => TestReplies.Result("ok"));

        var result = await api.SendAsync().OrHang();

        Assert.Equal("ok", result.Text);
        Assert.Equal(2, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Send_ConnectionDroppedWhileReadingTheAnswerIsRepeated()
    {
        using var api = WithRetries(3);
        api.Service.RespondInTurn(
            () =>
            {
                var cut = new PushStream();
                cut.Push("{\"id\":\"r-1\",");
                cut.Fail(new IOException("connection reset by peer"));
                return new HttpResponseMessage { Content = new StreamContent(cut) { Headers = { ContentType = new("application/json") } } };
            },
            () => TestReplies.Result("ok"));

        var result = await api.SendAsync().OrHang();

        Assert.Equal("ok", result.Text);
        Assert.Equal(2, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Send_BodyWhoseCompressionDoesNotDecodeIsRepeatedLikeADroppedConnection()
    {
        using var api = WithRetries(3);
        api.Service.RespondInTurn(() => CorruptGzipAnswer(), () => TestReplies.Result("ok"));

        var result = await api.SendAsync().OrHang();

        Assert.Equal("ok", result.Text);
        Assert.Equal(2, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Send_BodyWhoseCompressionDoesNotDecodeIsAnHttpRequestException()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => CorruptGzipAnswer());

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => api.SendAsync().OrHang());

        Assert.Equal(HttpRequestError.InvalidResponse, ex.HttpRequestError);
        Assert.IsType<InvalidDataException>(ex.InnerException);
        Assert.Contains("does not decode", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_BrotliBodyThatDoesNotDecodeIsAnHttpRequestException_AndIsRepeated()
    {
        using var api = WithRetries(3);
        api.Service.RespondInTurn(() => CorruptAnswer(TestReplies.CorruptBrotli(), "br"), () => TestReplies.Result("ok"));

        var result = await api.SendAsync().OrHang();

        Assert.Equal("ok", result.Text);
        Assert.Equal(2, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Send_BrotliBodyThatDoesNotDecode_WithoutRetries_IsAnHttpRequestExceptionNotInvalidOperation()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => CorruptAnswer(TestReplies.CorruptBrotli(), "br"));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => api.SendAsync().OrHang());

        Assert.Equal(HttpRequestError.InvalidResponse, ex.HttpRequestError);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
    }

    [Fact]
    public void BrokenBody_ABrotliFailureIsKnownByItsStream_EvenWithoutASource_AsUnderNativeAot()
    {
        using var brotli = new System.IO.Compression.BrotliStream(TestReplies.CorruptBrotli(), System.IO.Compression.CompressionMode.Decompress);
        var failure = Assert.Throws<InvalidOperationException>(() => brotli.ReadExactly(new byte[16]));
        failure.Source = "<unknown>"; // what Exception.Source reports under Native AOT

        Assert.True(Qianfan.Sdk.Core.Reading.BodyReader.IsBrokenBody(failure, brotli));
        Assert.False(Qianfan.Sdk.Core.Reading.BodyReader.IsBrokenBody(new InvalidOperationException("not from a decoder") { Source = "<unknown>" }, new MemoryStream()));
    }

    [Fact]
    public async Task Send_AttemptPastItsTimeoutIsAbandonedAndRepeated()
    {
        using var api = WithRetries(3);
        api.AttemptTimeout = TimeSpan.FromSeconds(10);
        api.Service.Responder = (r, n, ct) => n == 1 ? TestService.NeverAnswers(r, n, ct) : Task.FromResult(TestReplies.Result("second attempt"));

        var sending = api.SendAsync();
        await api.Service.WaitForRequestsAsync(1);
        api.Time.Advance(TimeSpan.FromSeconds(10));
        var result = await sending.OrHang();

        Assert.Equal("second attempt", result.Text);
        Assert.Equal(2, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Send_OverallTimeoutEndsTheRetriesWithTimeoutException()
    {
        using var api = WithRetries(100);
        api.AttemptTimeout = TimeSpan.FromSeconds(10);
        api.Retry.OverallTimeout = TimeSpan.FromSeconds(25);
        api.Service.Responder = TestService.NeverAnswers;

        var sending = api.SendAsync();
        await api.Service.WaitForRequestsAsync(1);
        api.Time.Advance(TimeSpan.FromSeconds(10));
        await api.Service.WaitForRequestsAsync(2);
        api.Time.Advance(TimeSpan.FromSeconds(10));
        await api.Service.WaitForRequestsAsync(3);
        api.Time.Advance(TimeSpan.FromSeconds(5));
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => sending.OrHang());

        Assert.Equal("The call to test/answer did not succeed within the overall timeout of 25 s.", ex.Message);
        Assert.Equal(3, api.Service.Requests.Count);
        Assert.Contains("Retrying test/answer (attempt 1) in 0 ms after TimeoutException", api.LogMessages);
        Assert.Contains("Retrying test/answer (attempt 2) in 0 ms after TimeoutException", api.LogMessages);
    }

    [Fact]
    public async Task Send_WaitsAsLongAsRetryAfterAsksBeforeRepeating()
    {
        using var api = WithRetries(3);
        api.Retry.BaseDelay = TimeSpan.FromHours(1); // so only Retry-After can make the wait 7 s
        api.Service.RespondInTurn(() => TestReplies.Busy(TimeSpan.FromSeconds(7)), () => TestReplies.Result("after the wait"));

        var sending = api.SendAsync();
        await api.Time.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        api.Time.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromTicks(1));
        Assert.Single(api.Service.Requests);
        api.Time.Advance(TimeSpan.FromTicks(1));
        var result = await sending.OrHang();

        Assert.Equal("after the wait", result.Text);
        Assert.Equal(2, api.Service.Requests.Count);
        Assert.Contains("Retrying test/answer (attempt 1) in 7000 ms after busy", api.LogMessages);
    }

    [Fact]
    public async Task Send_RetryAfterLongerThanMaxDelayWaitsMaxDelay()
    {
        using var api = WithRetries(3);
        api.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        api.Service.RespondInTurn(() => TestReplies.Busy(TimeSpan.FromMinutes(10)), () => TestReplies.Result("capped"));

        var sending = api.SendAsync();
        await api.Time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        api.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("capped", (await sending.OrHang()).Text);
        Assert.DoesNotContain(TimeSpan.FromMinutes(10), api.Time.TimersStarted);
    }

    [Fact]
    public async Task Send_CallerCancellationDuringTheBackoffStopsAtOnce()
    {
        using var api = WithRetries(3);
        api.Service.Respond(() => TestReplies.Busy(TimeSpan.FromSeconds(30)));
        using var cts = new CancellationTokenSource();

        var sending = api.SendAsync(cts.Token);
        await api.Time.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();
        var ex = await Record.ExceptionAsync(() => sending.OrHang());

        Assert.Equal(cts.Token, Assert.IsAssignableFrom<OperationCanceledException>(ex).CancellationToken);
        Assert.Single(api.Service.Requests);
    }

    [Fact]
    public async Task Send_FailureToGetCredentialsThatIsNotRetryableIsNotRepeatedAndSendsNothing()
    {
        using var api = WithRetries(3);
        api.Authorizer.BeforeToken = _ => throw new TestApiException("invalid_client", "unknown client id", null, retryable: false, retryAfter: null);

        var ex = await Assert.ThrowsAsync<TestApiException>(() => api.SendAsync().OrHang());

        Assert.Equal("invalid_client", ex.Code);
        Assert.Equal(1, api.Authorizer.Authorizations);
        Assert.Empty(api.Service.Requests);
    }

    [Fact]
    public async Task Stream_ErrorAtStartIsRepeated()
    {
        using var api = WithRetries(3);
        api.Service.RespondInTurn(() => TestReplies.Error("busy", retryable: true), () => TestReplies.EventStream(TestReplies.Event("ok", last: true)));

        var chunks = await api.ReadAllAsync().OrHang();

        Assert.Equal("ok", Assert.Single(chunks).Text);
        Assert.Equal(2, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Stream_CutBeforeItsFirstChunkIsRepeated()
    {
        using var api = WithRetries(3);
        api.Service.RespondInTurn(
            () =>
            {
                var cut = new PushStream();
                cut.Fail(new IOException("connection reset"));
                return TestReplies.EventStream(cut);
            },
            () => TestReplies.EventStream(TestReplies.Event("ok", last: true)));

        var chunks = await api.ReadAllAsync().OrHang();

        Assert.Equal("ok", Assert.Single(chunks).Text);
        Assert.Equal(2, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Stream_CutAfterItsFirstChunkIsNeverRepeated()
    {
        using var api = WithRetries(3);
        api.Service.Respond(() => TestReplies.EventStream(TestReplies.Event("half")));
        var received = new List<TestChunk>();

        var ex = await Assert.ThrowsAsync<TestStreamEndedException>(async () =>
        {
            await foreach (var chunk in api.StreamAsync())
            {
                received.Add(chunk);
            }
        }).OrHang();

        Assert.Single(received);
        Assert.Equal(1, ex.ChunksReceived);
        Assert.Single(api.Service.Requests);
    }

    [Fact]
    public async Task Stream_RetryableErrorMidStreamIsNeverRepeated()
    {
        using var api = WithRetries(3);
        api.Service.Respond(() => TestReplies.EventStream(TestReplies.Event("a") + "data: " + TestReplies.ErrorJson("busy", retryable: true) + "\n\n"));

        var ex = await Assert.ThrowsAsync<TestApiException>(() => api.ReadAllAsync().OrHang());

        Assert.Equal("busy", ex.Code);
        Assert.Single(api.Service.Requests);
    }

    private static PipelineHarness WithRetries(int retries)
    {
        var api = new PipelineHarness();
        api.Retry.MaxRetries = retries;
        return api;
    }

    private static HttpResponseMessage CorruptGzipAnswer() => CorruptAnswer(TestReplies.CorruptGzip(), "gzip");

    private static HttpResponseMessage CorruptAnswer(Stream body, string encoding)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add(encoding);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
