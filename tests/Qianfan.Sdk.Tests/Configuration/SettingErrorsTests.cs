using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Settings;

namespace Qianfan.Sdk.Tests.Configuration;

/// <summary>The settings every platform shares, checked once: each message names the key under the platform's section and its variable.</summary>
public sealed class SettingErrorsTests
{
    [Fact]
    public void SharedSettings_AreReportedAllAtOnce_UnderThePlatformsSection()
    {
        var check = new SettingErrors("Zhipu");

        check.Retry(new RetryOptions { MaxRetries = -1, OverallTimeout = TimeSpan.Zero }, "ZHIPU_RETRIES");
        check.RateLimits(new RateLimitOptions { QueriesPerSecond = -2 });
        check.TaskPolling(new TaskPollingOptions { Interval = TimeSpan.Zero, BackoffFactor = double.NaN });

        Assert.Equal(
        [
            "Retry:MaxRetries (Zhipu:Retry:MaxRetries, ZHIPU_RETRIES) must be zero or more, was -1.",
            "Retry:OverallTimeout (Zhipu:Retry:OverallTimeout) must be positive, was 00:00:00.",
            "RateLimits:QueriesPerSecond (Zhipu:RateLimits:QueriesPerSecond) must be zero or more, was -2.",
            "TaskPolling:Interval (Zhipu:TaskPolling:Interval) must be positive, was 00:00:00.",
            "TaskPolling:BackoffFactor (Zhipu:TaskPolling:BackoffFactor) must be a number of 1 or more, was NaN.",
        ], check.Messages);
    }

    [Fact]
    public void TaskPolling_TakesAnInfiniteTimeout_ButNotAZeroOne()
    {
        var infinite = new SettingErrors("DashScope");
        var zero = new SettingErrors("DashScope");

        infinite.TaskPolling(new TaskPollingOptions { Timeout = Timeout.InfiniteTimeSpan });
        zero.TaskPolling(new TaskPollingOptions { Timeout = TimeSpan.Zero });

        Assert.Empty(infinite.Messages);
        Assert.Equal(["TaskPolling:Timeout (DashScope:TaskPolling:Timeout) must be positive, was 00:00:00."], zero.Messages);
    }

    [Fact]
    public void HttpUrl_MustBeAbsoluteHttpOrHttps()
    {
        var check = new SettingErrors("Qianfan");

        check.HttpUrl(new Uri("https://qianfan.baidubce.com"), "V2BaseUrl");
        check.HttpUrl(new Uri("ftp://example.com"), "BaseUrl", "QIANFAN_BASE_URL");
        check.HttpUrl(null, "IamBaseUrl");

        Assert.Equal(
        [
            "BaseUrl (Qianfan:BaseUrl, QIANFAN_BASE_URL) must be an absolute http or https URL.",
            "IamBaseUrl (Qianfan:IamBaseUrl) must be an absolute http or https URL.",
        ], check.Messages);
        Assert.Throws<ArgumentException>("options", () => SettingErrors.ThrowIfAny(check.Messages, "options"));
    }
}
