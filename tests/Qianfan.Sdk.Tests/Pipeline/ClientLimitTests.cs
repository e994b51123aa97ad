using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>
/// The client-side limits the pipeline takes before each request: requests per second and per minute, tokens per
/// minute from the usage answers report, and the bounded queue of callers waiting for them. Windows slide on the
/// fake clock.
/// </summary>
public sealed class ClientLimitTests
{
    [Fact]
    public async Task Send_OverTheQueriesPerSecondLimitWaitsUntilTheSecondHasPassed()
    {
        using var api = new PipelineHarness();
        api.Limits.QueriesPerSecond = 1;
        await api.SendAsync().OrHang();

        var second = api.SendAsync();
        await api.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        api.Time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        Assert.Single(api.Service.Requests);
        api.Time.Advance(TimeSpan.FromTicks(1));
        await second.OrHang();

        Assert.Equal(2, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Send_OverTheRequestsPerMinuteLimitWaitsUntilTheOldestRequestIsAMinuteOld()
    {
        using var api = new PipelineHarness();
        api.Limits.RequestsPerMinute = 2;
        await api.SendAsync().OrHang();
        api.Time.Advance(TimeSpan.FromSeconds(20));
        await api.SendAsync().OrHang();

        var third = api.SendAsync();
        await api.Time.WaitForTimerAsync(TimeSpan.FromSeconds(40));
        Assert.Equal(2, api.Service.Requests.Count);
        api.Time.Advance(TimeSpan.FromSeconds(40));
        await third.OrHang();

        Assert.Equal(3, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Send_TokensPerMinuteCountsTheReportedUsageAndWaitsForItToLeaveTheWindow()
    {
        using var api = new PipelineHarness();
        api.Limits.TokensPerMinute = 8;
        api.Service.Respond(() => TestReplies.Result(total: 8));
        await api.SendAsync().OrHang();

        var second = api.SendAsync();
        await api.Time.WaitForTimerAsync(TimeSpan.FromMinutes(1));
        Assert.Single(api.Service.Requests);
        api.Time.Advance(TimeSpan.FromMinutes(1));
        await second.OrHang();

        Assert.Equal(2, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Send_TokensPerMinuteOverAFullQueueIsRefusedAndFreesAfterAMinute()
    {
        using var api = new PipelineHarness();
        api.Limits.TokensPerMinute = 8;
        api.Limits.QueueLimit = 0;
        api.Service.Respond(() => TestReplies.Result(total: 8));

        await api.SendAsync().OrHang();
        var ex = await Assert.ThrowsAsync<TestQueueFullException>(() => api.SendAsync().OrHang());
        api.Time.Advance(TimeSpan.FromMinutes(1));
        await api.SendAsync().OrHang();

        Assert.Equal("More than 0 calls are waiting for the tokens-per-minute limit of 8; the call was not sent.", ex.Message);
        Assert.Equal(2, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Stream_UsageOfAFinishedStreamCountsTowardTheTokensPerMinute()
    {
        using var api = new PipelineHarness();
        api.Limits.TokensPerMinute = 8;
        api.Limits.QueueLimit = 0;
        api.Service.Respond(() => TestReplies.EventStream(TestReplies.Event("a") + TestReplies.Event("b", last: true, total: 8)));

        await api.ReadAllAsync().OrHang();

        await Assert.ThrowsAsync<TestQueueFullException>(() => api.SendAsync().OrHang());
        Assert.Single(api.Service.Requests);
    }

    [Fact]
    public async Task Send_CallOverAFullQueueIsRefusedWithoutBeingSent()
    {
        using var api = new PipelineHarness();
        api.Limits.QueriesPerSecond = 1;
        api.Limits.QueueLimit = 1;
        await api.SendAsync().OrHang();

        var waiting = api.SendAsync();
        await api.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        var ex = await Assert.ThrowsAsync<TestQueueFullException>(() => api.SendAsync().OrHang());
        api.Time.Advance(TimeSpan.FromSeconds(1));
        await waiting.OrHang();

        Assert.Equal("More than 1 calls are waiting for the queries-per-second limit of 1; the call was not sent.", ex.Message);
        Assert.Equal(2, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Send_TheWaitForALimitDoesNotCountAgainstTheAttemptTimeout()
    {
        using var api = new PipelineHarness { AttemptTimeout = TimeSpan.FromSeconds(10) };
        api.Limits.QueriesPerSecond = 1;
        api.Service.Responder = (r, n, ct) => n == 1 ? Task.FromResult(TestReplies.Result()) : TestService.NeverAnswers(r, n, ct);
        await api.SendAsync().OrHang();

        var second = api.SendAsync();
        await api.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        api.Time.Advance(TimeSpan.FromSeconds(1));
        await api.Service.WaitForRequestsAsync(2);
        api.Time.Advance(TimeSpan.FromSeconds(9)); // 10 s since the call began, 9 s since it was sent
        Assert.False(second.IsCompleted);
        api.Time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<TimeoutException>(() => second.OrHang());
    }

    [Fact]
    public async Task Send_AnAccountLimitBelowTheConfiguredOneLowersTheRequestsPerMinute()
    {
        using var api = new PipelineHarness();
        api.Limits.RequestsPerMinute = 10;
        api.Service.Respond(() => TestReplies.Result(headers: (TestProfile.LimitRequestsHeader, "2")));
        await api.SendAsync().OrHang();
        await api.SendAsync().OrHang();

        var third = api.SendAsync();
        await api.Time.WaitForTimerAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(2, api.Service.Requests.Count);
        api.Time.Advance(TimeSpan.FromMinutes(1));
        await third.OrHang();

        Assert.Equal(3, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Send_AnAccountLimitAboveTheConfiguredOneNeverRaisesIt()
    {
        using var api = new PipelineHarness();
        api.Limits.RequestsPerMinute = 1;
        api.Service.Respond(() => TestReplies.Result(headers: (TestProfile.LimitRequestsHeader, "100")));
        await api.SendAsync().OrHang();

        var second = api.SendAsync();
        await api.Time.WaitForTimerAsync(TimeSpan.FromMinutes(1));

        Assert.Single(api.Service.Requests);
        api.Time.Advance(TimeSpan.FromMinutes(1));
        await second.OrHang();
    }

    [Fact]
    public async Task Send_WhatTheAccountHasLeftLimitsTheRequestsToThoseItStillAllows()
    {
        using var api = new PipelineHarness();
        api.Limits.RequestsPerMinute = 10;
        // Other clients of the account spent most of its minute: after this client's first request 1 is left, then none.
        api.Service.RespondInTurn(
            () => TestReplies.Result(headers: (TestProfile.RemainingRequestsHeader, "1")),
            () => TestReplies.Result(headers: (TestProfile.RemainingRequestsHeader, "0")));
        await api.SendAsync().OrHang();
        await api.SendAsync().OrHang();

        var third = api.SendAsync();
        await api.Time.WaitForTimerAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(2, api.Service.Requests.Count);
        api.Time.Advance(TimeSpan.FromMinutes(1));
        await third.OrHang();

        Assert.Equal(3, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Send_AnAccountTokenLimitBelowTheConfiguredOneLowersTheTokensPerMinute()
    {
        using var api = new PipelineHarness();
        api.Limits.TokensPerMinute = 1000;
        api.Service.Respond(() => TestReplies.Result(total: 8, headers: (TestProfile.LimitTokensHeader, "8")));
        await api.SendAsync().OrHang();

        var second = api.SendAsync();
        await api.Time.WaitForTimerAsync(TimeSpan.FromMinutes(1));
        Assert.Single(api.Service.Requests);
        api.Time.Advance(TimeSpan.FromMinutes(1));
        await second.OrHang();

        Assert.Equal(2, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Send_ARateLimitErrorHoldsEveryNewRequestForThePause()
    {
        using var api = new PipelineHarness();
        api.Limits.QueriesPerSecond = 100;
        api.Service.RespondInTurn(() => TestReplies.Error("rate_limited"), () => TestReplies.Result());
        await Assert.ThrowsAsync<TestApiException>(() => api.SendAsync().OrHang());

        var next = api.SendAsync();
        await api.Time.WaitForTimerAsync(TestProfile.RateLimitPauseTime);
        Assert.Single(api.Service.Requests);
        api.Time.Advance(TestProfile.RateLimitPauseTime);
        await next.OrHang();

        Assert.Equal(2, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Send_ARateLimitErrorWithRetryAfterHoldsRequestsThatLong()
    {
        using var api = new PipelineHarness();
        api.Limits.QueriesPerSecond = 100;
        api.Service.RespondInTurn(
            () =>
            {
                var response = TestReplies.Error("rate_limited");
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
                return response;
            },
            () => TestReplies.Result());
        await Assert.ThrowsAsync<TestApiException>(() => api.SendAsync().OrHang());

        var next = api.SendAsync();
        await api.Time.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        api.Time.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromTicks(1));
        Assert.Single(api.Service.Requests);
        api.Time.Advance(TimeSpan.FromTicks(1));
        await next.OrHang();

        Assert.Equal(2, api.Service.Requests.Count);
    }

    [Fact]
    public async Task Send_ARetryAfterOfHoursHoldsRequestsAMinuteAtMost()
    {
        using var api = new PipelineHarness();
        api.Limits.QueriesPerSecond = 100;
        api.Service.RespondInTurn(
            () =>
            {
                var response = TestReplies.Error("rate_limited");
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromHours(3));
                return response;
            },
            () => TestReplies.Result());
        await Assert.ThrowsAsync<TestApiException>(() => api.SendAsync().OrHang());

        var next = api.SendAsync();
        await api.Time.WaitForTimerAsync(Qianfan.Sdk.Core.Pipeline.ApiPipeline.MaxRateLimitPause);
        Assert.Single(api.Service.Requests);
        api.Time.Advance(Qianfan.Sdk.Core.Pipeline.ApiPipeline.MaxRateLimitPause);
        await next.OrHang();

        Assert.Equal(2, api.Service.Requests.Count);
    }
}
