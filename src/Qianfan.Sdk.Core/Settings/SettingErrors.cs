namespace Qianfan.Sdk.Core.Settings;

/// <summary>
/// The broken settings of one platform's client, gathered so that all are reported at once, each naming the setting
/// with its configuration key under the platform's section (<c>Qianfan:</c>, <c>DashScope:</c>, <c>Zhipu:</c>) and,
/// where there is one, its environment variable. The settings every platform shares (retries, limits, task polling)
/// are checked here alike; a platform adds its own.
/// </summary>
internal sealed class SettingErrors(string section)
{
    /// <summary>The messages so far; empty when every setting is good.</summary>
    public List<string> Messages { get; } = [];

    /// <summary>A URL the client sends to: absolute, http or https.</summary>
    public void HttpUrl(Uri? url, string key, string? variable = null)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            Messages.Add($"{Describe(key, variable)} must be an absolute http or https URL.");
        }
    }

    public void NotNegative(int value, string key, string? variable = null)
    {
        if (value < 0)
        {
            Messages.Add($"{Describe(key, variable)} must be zero or more, was {value}.");
        }
    }

    public void NotNegative(TimeSpan value, string key, string? variable = null)
    {
        if (value < TimeSpan.Zero)
        {
            Messages.Add($"{Describe(key, variable)} must be zero or more, was {value}.");
        }
    }

    public void Positive(TimeSpan value, string key, string? variable = null)
    {
        if (value <= TimeSpan.Zero)
        {
            Messages.Add($"{Describe(key, variable)} must be positive, was {value}.");
        }
    }

    /// <summary>The retry policy's settings, with the environment variables a platform reads for them, if any.</summary>
    public void Retry(RetryOptions retry, string? maxRetriesVariable = null, string? overallTimeoutVariable = null)
    {
        NotNegative(retry.MaxRetries, "Retry:MaxRetries", maxRetriesVariable);
        NotNegative(retry.BaseDelay, "Retry:BaseDelay");
        NotNegative(retry.MaxDelay, "Retry:MaxDelay");
        Positive(retry.OverallTimeout, "Retry:OverallTimeout", overallTimeoutVariable);
    }

    /// <summary>The client-side limits' settings (0 is no limit), with the platform's environment variables, if any.</summary>
    public void RateLimits(RateLimitOptions limits, string? qpsVariable = null, string? rpmVariable = null, string? tpmVariable = null)
    {
        NotNegative(limits.QueriesPerSecond, "RateLimits:QueriesPerSecond", qpsVariable);
        NotNegative(limits.RequestsPerMinute, "RateLimits:RequestsPerMinute", rpmVariable);
        NotNegative(limits.TokensPerMinute, "RateLimits:TokensPerMinute", tpmVariable);
        NotNegative(limits.QueueLimit, "RateLimits:QueueLimit");
    }

    /// <summary>How background tasks are polled: positive waits, a factor of 1 or more, a positive or infinite timeout.</summary>
    public void TaskPolling(TaskPollingOptions polling)
    {
        Positive(polling.Interval, "TaskPolling:Interval");
        Positive(polling.MaxInterval, "TaskPolling:MaxInterval");
        if (!double.IsFinite(polling.BackoffFactor) || polling.BackoffFactor < 1)
        {
            Messages.Add($"{Describe("TaskPolling:BackoffFactor", null)} must be a number of 1 or more, was {polling.BackoffFactor}.");
        }

        if (polling.Timeout != Timeout.InfiniteTimeSpan)
        {
            Positive(polling.Timeout, "TaskPolling:Timeout");
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every message, if any.</summary>
    public static void ThrowIfAny(List<string> messages, string paramName)
    {
        if (messages.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", messages), paramName);
        }
    }

    private string Describe(string key, string? variable) =>
        variable is null ? $"{key} ({section}:{key})" : $"{key} ({section}:{key}, {variable})";
}
