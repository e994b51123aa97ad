namespace Qianfan.Sdk.DashScope;

/// <summary>
/// Every broken setting of a client, each message naming the setting with its configuration key and environment
/// variable; the key is never echoed. Used by the client's constructor and by <c>AddDashScope</c>'s start-up check.
/// </summary>
internal static class DashScopeSettingsValidator
{
    public const string NoApiKey =
        "No DashScope API key: set ApiKey (DashScope:ApiKey, or DASHSCOPE_API_KEY) to a key of the client's region.";

    public static List<string> Errors(DashScopeOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Region))
        {
            errors.Add($"Region (DashScope:Region, DASHSCOPE_REGION) must be China, International or Finance, was {(int)options.Region}.");
        }

        if (options.BaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            errors.Add("BaseUrl (DashScope:BaseUrl, DASHSCOPE_HTTP_BASE_URL) must be an absolute http or https URL.");
        }

        if (options.WorkspaceId is { } workspace && string.IsNullOrWhiteSpace(workspace))
        {
            errors.Add("WorkspaceId (DashScope:WorkspaceId, DASHSCOPE_WORKSPACE) must not be blank; leave it unset for the key's default workspace.");
        }

        Positive(errors, options.Timeout, "Timeout");
        if (options.StreamIdleTimeout is { } idle)
        {
            Positive(errors, idle, "StreamIdleTimeout");
        }

        if (options.Retry is not { } retry || options.RateLimits is not { } limits || options.TaskPolling is not { } polling)
        {
            errors.Add("Retry, RateLimits and TaskPolling must not be null.");
            return errors;
        }

        NotNegative(errors, retry.MaxRetries, "Retry:MaxRetries");
        NotNegative(errors, retry.BaseDelay, "Retry:BaseDelay");
        NotNegative(errors, retry.MaxDelay, "Retry:MaxDelay");
        Positive(errors, retry.OverallTimeout, "Retry:OverallTimeout");
        NotNegative(errors, limits.QueriesPerSecond, "RateLimits:QueriesPerSecond");
        NotNegative(errors, limits.RequestsPerMinute, "RateLimits:RequestsPerMinute");
        NotNegative(errors, limits.TokensPerMinute, "RateLimits:TokensPerMinute");
        NotNegative(errors, limits.QueueLimit, "RateLimits:QueueLimit");
        Positive(errors, polling.Interval, "TaskPolling:Interval");
        Positive(errors, polling.MaxInterval, "TaskPolling:MaxInterval");
        if (!double.IsFinite(polling.BackoffFactor) || polling.BackoffFactor < 1)
        {
            errors.Add($"TaskPolling:BackoffFactor (DashScope:TaskPolling:BackoffFactor) must be a number of 1 or more, was {polling.BackoffFactor}.");
        }

        if (polling.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            Positive(errors, polling.Timeout, "TaskPolling:Timeout");
        }

        return errors;
    }

    public static List<string> Errors(DashScopeCredentials credentials)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(credentials.ApiKey))
        {
            errors.Add(NoApiKey);
        }
        else if (credentials.ApiKey.Any(char.IsWhiteSpace) || credentials.ApiKey.Any(char.IsControl))
        {
            errors.Add("ApiKey (DashScope:ApiKey, DASHSCOPE_API_KEY) must not contain spaces or control characters; check for a stray newline.");
        }

        return errors;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every error, if any.</summary>
    public static void ThrowIfInvalid(List<string> errors, string paramName)
    {
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), paramName);
        }
    }

    private static void NotNegative(List<string> errors, int value, string key)
    {
        if (value < 0)
        {
            errors.Add($"{key} (DashScope:{key}) must be zero or more, was {value}.");
        }
    }

    private static void NotNegative(List<string> errors, TimeSpan value, string key)
    {
        if (value < TimeSpan.Zero)
        {
            errors.Add($"{key} (DashScope:{key}) must be zero or more, was {value}.");
        }
    }

    private static void Positive(List<string> errors, TimeSpan value, string key)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} (DashScope:{key}) must be positive, was {value}.");
        }
    }
}
