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
    public void RateLimitPause_ARepeatable429WithoutAListedCodeHoldsToo()
    {
        var error = new ZhipuException(null, "Too Many Requests", statusCode: HttpStatusCode.TooManyRequests);

        Assert.True(error.IsRetryable);
        Assert.Equal(TimeSpan.FromSeconds(3), ZhipuProfile.Instance.RateLimitPause(error));
    }

    [Fact]
    public void RateLimitPause_RetryAfterWins()
    {
        var error = new ZhipuException(ZhipuErrorCodes.FrequencyExceeded, "slow down", statusCode: HttpStatusCode.TooManyRequests) { RetryAfter = TimeSpan.FromSeconds(6) };

        Assert.Equal(TimeSpan.FromSeconds(6), ZhipuProfile.Instance.RateLimitPause(error));
    }

    [Theory]
    [InlineData(ZhipuErrorCodes.DailyQuotaReached, 429)]
    [InlineData(ZhipuErrorCodes.UsageCapReached, 429)]
    [InlineData(ZhipuErrorCodes.InsufficientBalance, 429)]
    [InlineData(ZhipuErrorCodes.ModelOverloaded, 503)]
    [InlineData(ZhipuErrorCodes.InvalidParameters, 400)]
    public void RateLimitPause_WhatWaitingDoesNotEndDoesNotPause(string code, int status)
    {
        Assert.Null(ZhipuProfile.Instance.RateLimitPause(new ZhipuException(code, "no", statusCode: (HttpStatusCode)status)));
        Assert.Null(ZhipuProfile.Instance.RateLimitPause(new TimeoutException()));
    }
}
