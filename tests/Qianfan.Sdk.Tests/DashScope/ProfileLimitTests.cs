using System.Net;
using Qianfan.Sdk.DashScope.Errors;
using Qianfan.Sdk.DashScope.Protocol;

namespace Qianfan.Sdk.Tests.DashScope;

/// <summary>Which of DashScope's errors hold every instance back (the pipeline's pause, shared by a fleet with <c>UseRedis</c>), and for how long.</summary>
public sealed class ProfileLimitTests
{
    private static readonly DashScopeProfile Profile = new("dashscope.aliyuncs.com", null);

    [Theory]
    [InlineData("Throttling", "Requests throttling triggered.", 1)]
    [InlineData("LimitRequests", "Too many requests in a short time.", 1)]
    [InlineData("Throttling.RateQuota", "Requests rate limit exceeded, please try again later.", 3)]
    [InlineData("Throttling.AllocationQuota", "Allocated quota exceeded, please increase your quota limit.", 3)]
    [InlineData(null, "rate limited", 3)]
    public void RateLimitPause_ThrottlingHoldsForItsWindow(string? code, string message, int seconds)
    {
        var error = new DashScopeException(code, message, statusCode: HttpStatusCode.TooManyRequests);

        Assert.Equal(TimeSpan.FromSeconds(seconds), Profile.RateLimitPause(error));
    }

    [Fact]
    public void RateLimitPause_RetryAfterWins()
    {
        var error = new DashScopeException(DashScopeErrorCodes.ThrottlingRateQuota, "slow down", statusCode: HttpStatusCode.TooManyRequests) { RetryAfter = TimeSpan.FromSeconds(7) };

        Assert.Equal(TimeSpan.FromSeconds(7), Profile.RateLimitPause(error));
    }

    [Theory]
    [InlineData("Throttling.AllocationQuota", "Free allocated quota exceeded.", 429)]
    [InlineData("PrepaidBillOverdue", "The prepaid bill is overdue.", 429)]
    [InlineData("InternalError", "internal", 500)]
    [InlineData("InvalidParameter", "bad", 400)]
    public void RateLimitPause_WhatWaitingDoesNotEndDoesNotPause(string code, string message, int status)
    {
        Assert.Null(Profile.RateLimitPause(new DashScopeException(code, message, statusCode: (HttpStatusCode)status)));
        Assert.Null(Profile.RateLimitPause(new TimeoutException()));
    }
}
