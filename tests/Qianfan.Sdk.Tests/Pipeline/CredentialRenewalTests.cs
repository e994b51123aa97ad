using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>
/// The authorizer hook: a credential the service rejects is handed back to the authorizer, which either renews it (the
/// request is then repeated exactly once, outside the retry budget) or gives the error to raise at once (a fixed
/// token). Getting credentials counts toward the attempt's timeout and honours the caller's cancellation.
/// </summary>
public sealed class CredentialRenewalTests
{
    [Fact]
    public async Task Send_RejectedCredentialIsRenewedAndTheRequestRepeatedOnce()
    {
        using var api = new PipelineHarness();
        api.Service.RespondInTurn(() => TestReplies.Error(TestAuthorizer.RejectedCode, "token expired"), () => TestReplies.Result("after renewal"));

        var result = await api.SendAsync().OrHang();

        Assert.Equal("after renewal", result.Text);
        Assert.Equal(["token-1", "token-2"], api.Service.Requests.Select(r => r.Query("token") ?? "(none)").ToArray());
        Assert.Equal(api.Service.Requests[0].BodyBytes, api.Service.Requests[1].BodyBytes);
        Assert.Equal(["token-1"], api.Authorizer.Rejected.ToArray());
        Assert.Contains("The service rejected the credential (error token_rejected) on test/answer; renewed it, repeating once", api.LogMessages);
    }

    [Fact]
    public async Task Send_CredentialRejectedTwiceSurfacesAfterExactlyTwoRequests()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.Error(TestAuthorizer.RejectedCode, "token expired"));

        var ex = await Assert.ThrowsAsync<TestApiException>(() => api.SendAsync().OrHang());

        Assert.Equal(TestAuthorizer.RejectedCode, ex.Code);
        Assert.Equal(2, api.Service.Requests.Count);
        Assert.Equal(["token-1"], api.Authorizer.Rejected.ToArray());
    }

    [Fact]
    public async Task Send_RenewalIsNotCountedAsARetry()
    {
        using var api = new PipelineHarness();
        api.Retry.MaxRetries = 3;
        api.Service.Respond(() => TestReplies.Error(TestAuthorizer.RejectedCode));

        await Assert.ThrowsAsync<TestApiException>(() => api.SendAsync().OrHang());

        Assert.Equal(2, api.Service.Requests.Count);
        Assert.DoesNotContain(api.LogMessages, m => m.StartsWith("Retrying", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_RejectedFixedCredentialFailsAtOnceWithTheAuthorizersError()
    {
        using var api = new PipelineHarness();
        api.Authorizer.Fixed = true;
        api.Service.RespondInTurn(() => TestReplies.Error(TestAuthorizer.RejectedCode, "token expired"), () => TestReplies.Result("never sent"));

        var ex = await Assert.ThrowsAsync<FixedTokenRejectedException>(() => api.SendAsync().OrHang());

        Assert.Equal(TestAuthorizer.RejectedCode, Assert.IsType<TestApiException>(ex.InnerException).Code);
        Assert.Single(api.Service.Requests);
        Assert.Equal(["token-1"], api.Authorizer.Rejected.ToArray());
    }

    [Fact]
    public async Task Send_RejectionOfARequestThatCarriedNoTokenIsNotRepeated()
    {
        using var api = new PipelineHarness();
        api.Authorizer.NoToken = true;
        api.Service.Respond(() => TestReplies.Error(TestAuthorizer.RejectedCode));

        var ex = await Assert.ThrowsAsync<TestApiException>(() => api.SendAsync().OrHang());

        Assert.Equal(TestAuthorizer.RejectedCode, ex.Code);
        Assert.Single(api.Service.Requests);
        Assert.Empty(api.Authorizer.Rejected);
    }

    [Fact]
    public async Task Send_OtherErrorsLeaveTheCredentialAlone()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.Error("invalid_param"));

        await Assert.ThrowsAsync<TestApiException>(() => api.SendAsync().OrHang());

        Assert.Single(api.Service.Requests);
        Assert.Empty(api.Authorizer.Rejected);
    }

    [Fact]
    public async Task Stream_RejectedCredentialAtStartIsRenewedAndRepeatedOnce()
    {
        using var api = new PipelineHarness();
        api.Service.RespondInTurn(() => TestReplies.Error(TestAuthorizer.RejectedCode), () => TestReplies.EventStream(TestReplies.Event("你好", last: true)));

        var chunks = await api.ReadAllAsync().OrHang();

        Assert.Equal("你好", Assert.Single(chunks).Text);
        Assert.Equal(["token-1", "token-2"], api.Service.Requests.Select(r => r.Query("token") ?? "(none)").ToArray());
    }

    [Fact]
    public async Task Stream_CredentialRejectedTwiceSurfacesAfterExactlyTwoRequests()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.Error(TestAuthorizer.RejectedCode));

        var ex = await Assert.ThrowsAsync<TestApiException>(() => api.ReadAllAsync().OrHang());

        Assert.Equal(TestAuthorizer.RejectedCode, ex.Code);
        Assert.Equal(2, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Stream_CredentialRejectedMidStreamIsNotRepeated()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.EventStream(TestReplies.Event("a") + "data: " + TestReplies.ErrorJson(TestAuthorizer.RejectedCode, "expired") + "\n\n"));

        var ex = await Assert.ThrowsAsync<TestApiException>(() => api.ReadAllAsync().OrHang());

        Assert.Equal(TestAuthorizer.RejectedCode, ex.Code);
        Assert.Single(api.Service.Requests);
        Assert.Empty(api.Authorizer.Rejected);
    }

    [Fact]
    public async Task Send_WaitingForCredentialsStopsWhenTheCallerCancels()
    {
        using var api = new PipelineHarness();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        api.Authorizer.BeforeToken = async ct =>
        {
            waiting.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        };
        using var cts = new CancellationTokenSource();

        var sending = api.SendAsync(cts.Token);
        await waiting.Task.OrHang();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.OrHang());
        Assert.Empty(api.Service.Requests);
    }

    [Fact]
    public async Task Send_WaitingForCredentialsIsBoundedByTheOverallTimeout()
    {
        using var api = new PipelineHarness();
        api.Retry.OverallTimeout = TimeSpan.FromSeconds(10); // shorter than the attempt timeout, so it bounds the first attempt
        api.Authorizer.BeforeToken = ct => Task.Delay(Timeout.Infinite, ct);

        var sending = api.SendAsync();
        await api.Time.WaitForTimerAsync(TimeSpan.FromSeconds(10));
        api.Time.Advance(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<TimeoutException>(() => sending.OrHang());
        Assert.Empty(api.Service.Requests);
    }
}
