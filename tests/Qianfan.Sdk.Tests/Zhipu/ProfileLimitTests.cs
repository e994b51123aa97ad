using System.Net;
using Qianfan.Sdk.Zhipu.Errors;
using Qianfan.Sdk.Zhipu.Protocol;

namespace Qianfan.Sdk.Tests.Zhipu;

/// <summary>Which of Zhipu's errors hold every instance back (the pipeline's pause, shared by a fleet with <c>UseRedis</c>), and for how long.</summary>
public sealed class ProfileLimitTests
{
    [Theory]
    [InlineData(ZhipuErrorCodes.ConcurrencyExceeded, 1)]
    [InlineData(ZhipuErrorCodes.FrequencyExceeded, 3)]
    [InlineData(ZhipuErrorCodes.TrafficLimited, 3)]
    [InlineData(ZhipuErrorCodes.FairUseThrottled, 3)]
    public void RateLimitPause_RateLimitsHoldForTheirWindow(string code, int seconds)
    {
        var error = new ZhipuException(code, "rate limited", statusCode: HttpStatusCode.TooManyRequests);

        Assert.Equal(TimeSpan.FromSeconds(seconds), ZhipuProfile.Instance.RateLimitPause(error));
    }

    [Fact]
    public void RateLimitPause_RetryAfterWins()
    {
        var error = new ZhipuException(ZhipuErrorCodes.FrequencyExceeded, "slow down", statusCode: HttpStatusCode.TooManyRequests) { RetryAfter = TimeSpan.FromSeconds(6) };

        Assert.Equal(TimeSpan.FromSeconds(6), ZhipuProfile.Instance.RateLimitPause(error));
    }

    [Theory]
    [InlineData(ZhipuErrorCodes.DailyQuotaReached)]
    [InlineData(ZhipuErrorCodes.UsageCapReached)]
    [InlineData(ZhipuErrorCodes.InsufficientBalance)]
    [InlineData(ZhipuErrorCodes.ModelOverloaded)]
    [InlineData(ZhipuErrorCodes.InvalidParameters)]
    public void RateLimitPause_WhatWaitingDoesNotEndDoesNotPause(string code)
    {
        Assert.Null(ZhipuProfile.Instance.RateLimitPause(new ZhipuException(code, "no", statusCode: HttpStatusCode.TooManyRequests)));
        Assert.Null(ZhipuProfile.Instance.RateLimitPause(new TimeoutException()));
    }
}
