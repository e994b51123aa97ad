using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>
/// The attempt timeout (credentials, then the whole answer or a stream's first chunk), the stream idle timeout (a
/// read waiting too long once chunks flow), and both against the caller's own cancellation. Retries are off, so a
/// timeout surfaces as it is; the fake clock is advanced only once the call waits.
/// </summary>
public sealed class TimeoutTests
{
    [Fact]
    public async Task Send_ServiceThatNeverAnswersThrowsTimeoutException()
    {
        using var api = new PipelineHarness { AttemptTimeout = TimeSpan.FromSeconds(10) };
        api.Service.Responder = TestService.NeverAnswers;

        var sending = api.SendAsync();
        await api.Service.WaitForRequestsAsync(1);
        api.Time.Advance(TimeSpan.FromSeconds(10));
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => sending.OrHang());

        Assert.Equal("test/answer did not answer within 10 s.", ex.Message);
        Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
        Assert.DoesNotContain("token-1", ex.ToString(), StringComparison.Ordinal);
        Assert.Single(api.Service.Requests);
    }

    [Fact]
    public async Task Send_BodyThatNeverEndsThrowsTimeoutExceptionAndClosesTheBody()
    {
        using var api = new PipelineHarness { AttemptTimeout = TimeSpan.FromSeconds(10) };
        var body = new PushStream();
        body.Push("{\"id\":\"r-1\",\"text\":\"");
        api.Service.Respond(() => new HttpResponseMessage { Content = new StreamContent(body) { Headers = { ContentType = new("application/json") } } });

        var sending = api.SendAsync();
        await body.ReadWaiting.OrHang();
        api.Time.Advance(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<TimeoutException>(() => sending.OrHang());
        await body.Disposed.OrHang();
    }

    [Fact]
    public async Task Send_AnswerWithinTheTimeoutSucceeds()
    {
        using var api = new PipelineHarness { AttemptTimeout = TimeSpan.FromSeconds(10) };
        api.Service.Responder = async (_, _, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(9), api.Time, ct);
            return TestReplies.Result("in time");
        };

        var sending = api.SendAsync();
        await api.Time.WaitForTimerAsync(TimeSpan.FromSeconds(9));
        api.Time.Advance(TimeSpan.FromSeconds(9));

        Assert.Equal("in time", (await sending.OrHang()).Text);
    }

    [Fact]
    public async Task Send_CallerCancellationThrowsOperationCanceledWithTheCallersTokenNotTimeout()
    {
        using var api = new PipelineHarness();
        api.Service.Responder = TestService.NeverAnswers;
        using var cts = new CancellationTokenSource();

        var sending = api.SendAsync(cts.Token);
        await api.Service.WaitForRequestsAsync(1);
        await cts.CancelAsync();
        var ex = await Record.ExceptionAsync(() => sending.OrHang());

        Assert.Equal(cts.Token, Assert.IsAssignableFrom<OperationCanceledException>(ex).CancellationToken);
    }

    [Fact]
    public async Task Send_AlreadyCancelledTokenSendsNothing()
    {
        using var api = new PipelineHarness();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => api.SendAsync(new CancellationToken(canceled: true)));

        Assert.Empty(api.Service.Requests);
    }

    [Fact]
    public async Task Send_CallsAfterTimeoutsAndCancellationsOnTheSamePipelineSucceed()
    {
        // Nothing of a timed-out or cancelled attempt may leak into the next call.
        using var api = new PipelineHarness { AttemptTimeout = TimeSpan.FromSeconds(10) };
        var hang = true;
        api.Service.Responder = (r, n, ct) => Volatile.Read(ref hang) ? TestService.NeverAnswers(r, n, ct) : Task.FromResult(TestReplies.Result("answer " + n));

        for (var round = 0; round < 6; round++)
        {
            Volatile.Write(ref hang, true);
            var sent = api.Service.Requests.Count;
            if (round % 2 == 0)
            {
                var sending = api.SendAsync();
                await api.Service.WaitForRequestsAsync(sent + 1);
                api.Time.Advance(TimeSpan.FromSeconds(10));
                await Assert.ThrowsAsync<TimeoutException>(() => sending.OrHang());
            }
            else
            {
                using var cts = new CancellationTokenSource();
                var sending = api.SendAsync(cts.Token);
                await api.Service.WaitForRequestsAsync(sent + 1);
                await cts.CancelAsync();
                var cancelled = await Record.ExceptionAsync(() => sending.OrHang());
                Assert.Equal(cts.Token, Assert.IsAssignableFrom<OperationCanceledException>(cancelled).CancellationToken);
            }

            Volatile.Write(ref hang, false);
            for (var i = 0; i < 3; i++)
            {
                Assert.StartsWith("answer ", (await api.SendAsync().OrHang()).Text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Stream_ServiceThatNeverSendsHeadersThrowsTimeoutException()
    {
        using var api = new PipelineHarness { AttemptTimeout = TimeSpan.FromSeconds(10) };
        api.Service.Responder = TestService.NeverAnswers;

        var reading = api.ReadAllAsync();
        await api.Service.WaitForRequestsAsync(1);
        api.Time.Advance(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<TimeoutException>(() => reading.OrHang());
    }

    [Fact]
    public async Task Stream_FirstChunkThatNeverArrivesTimesOutAndClosesTheBody()
    {
        using var api = new PipelineHarness { AttemptTimeout = TimeSpan.FromSeconds(10) };
        var silent = new PushStream();
        api.Service.Respond(() => TestReplies.EventStream(silent));

        var reading = api.ReadAllAsync();
        await silent.ReadWaiting.OrHang();
        api.Time.Advance(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<TimeoutException>(() => reading.OrHang());
        await silent.Disposed.OrHang();
        Assert.Single(api.Service.Requests);
    }

    [Fact]
    public async Task Stream_CallerCancellationBeforeHeadersThrowsOperationCanceledNotTimeout()
    {
        using var api = new PipelineHarness();
        api.Service.Responder = TestService.NeverAnswers;
        using var cts = new CancellationTokenSource();

        var reading = api.ReadAllAsync(cts.Token);
        await api.Service.WaitForRequestsAsync(1);
        await cts.CancelAsync();
        var ex = await Record.ExceptionAsync(() => reading.OrHang());

        Assert.IsAssignableFrom<OperationCanceledException>(ex);
    }

    [Fact]
    public async Task Stream_AttemptTimeoutDoesNotCutAStreamOnceItsFirstChunkArrived()
    {
        using var api = new PipelineHarness { AttemptTimeout = TimeSpan.FromSeconds(10), StreamIdleTimeout = TimeSpan.FromSeconds(60) };
        var body = new PushStream();
        api.Service.Respond(() => TestReplies.EventStream(body));
        body.Push(TestReplies.Event("a"));

        await using var chunks = api.StreamAsync().GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync().AsTask().OrHang());
        var second = chunks.MoveNextAsync().AsTask();
        await api.Time.WaitForTimerAsync(TimeSpan.FromSeconds(60));
        api.Time.Advance(TimeSpan.FromSeconds(30)); // three attempt timeouts, half the idle timeout
        body.Push(TestReplies.Event("b", last: true));

        Assert.True(await second.OrHang());
        Assert.Equal("b", chunks.Current.Text);
        Assert.False(await chunks.MoveNextAsync().AsTask().OrHang());
    }

    [Fact]
    public async Task Stream_ReadWaitingLongerThanTheIdleTimeoutThrowsTimeoutExceptionAndIsNotRepeated()
    {
        using var api = new PipelineHarness { StreamIdleTimeout = TimeSpan.FromSeconds(5) };
        api.Retry.MaxRetries = 3;
        var body = new PushStream();
        api.Service.Respond(() => TestReplies.EventStream(body));
        body.Push(TestReplies.Event("a"));

        await using var chunks = api.StreamAsync().GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync().AsTask().OrHang());
        var second = chunks.MoveNextAsync().AsTask();
        await api.Time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        api.Time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.False(second.IsCompleted);
        api.Time.Advance(TimeSpan.FromTicks(1));
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => second.OrHang());

        Assert.Equal("The stream sent nothing for 5 s after 1 chunk(s) (the stream idle timeout).", ex.Message);
        Assert.Single(api.Service.Requests);
    }

    [Fact]
    public async Task Stream_TimeTheCallerSpendsBetweenReadsIsNotIdle()
    {
        using var api = new PipelineHarness { StreamIdleTimeout = TimeSpan.FromSeconds(5) };
        var body = new PushStream();
        api.Service.Respond(() => TestReplies.EventStream(body));
        body.Push(TestReplies.Event("a"));

        await using var chunks = api.StreamAsync().GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync().AsTask().OrHang());
        var second = chunks.MoveNextAsync().AsTask();
        await api.Time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        body.Push(TestReplies.Event("b"));
        Assert.True(await second.OrHang());
        api.Time.Advance(TimeSpan.FromSeconds(20)); // the caller is busy with "b"; nothing is read
        var third = chunks.MoveNextAsync().AsTask();
        api.Time.Advance(TimeSpan.FromSeconds(4)); // the read itself waits less than the idle timeout
        body.Push(TestReplies.Event("c", last: true));

        Assert.True(await third.OrHang());
        Assert.Equal("c", chunks.Current.Text);
    }
}
