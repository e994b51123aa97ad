namespace Qianfan.Sdk;

/// <summary>
/// Every broken setting of a client, each message naming the setting with its configuration key and environment
/// variable; secrets are never echoed. Used by the client's constructor and by <c>AddQianfan</c>'s start-up check.
/// </summary>
internal static class QianfanSettingsValidator
{
    public static List<string> Errors(QianfanOptions options)
    {
        var errors = new List<string>();
        HttpUrl(errors, options.BaseUrl, "BaseUrl", "QIANFAN_BASE_URL");
        HttpUrl(errors, options.IamBaseUrl, "IamBaseUrl", "QIANFAN_IAM_BASE_URL");
        HttpUrl(errors, options.V2BaseUrl, "V2BaseUrl", "QIANFAN_V2_BASE_URL");
        Positive(errors, options.IamSignatureExpiration, "IamSignatureExpiration", "QIANFAN_IAM_SIGN_EXPIRATION_SEC");
        Positive(errors, options.BearerTokenLifetime, "BearerTokenLifetime", null);
        NotNegative(errors, options.TokenRefreshMargin, "TokenRefreshMargin");
        Positive(errors, options.AuthTimeout, "AuthTimeout", "QIANFAN_AUTH_TIMEOUT");
        Positive(errors, options.Timeout, "Timeout", null);
        if (options.StreamIdleTimeout is { } idle)
        {
            Positive(errors, idle, "StreamIdleTimeout", "QIANFAN_STREAM_IDLE_TIMEOUT");
        }

        if (options.Retry is not { } retry || options.RateLimits is not { } limits)
        {
            errors.Add("Retry and RateLimits must not be null.");
            return errors;
        }

        NotNegative(errors, retry.MaxRetries, "Retry:MaxRetries", "QIANFAN_LLM_API_RETRY_COUNT");
        NotNegative(errors, retry.BaseDelay, "Retry:BaseDelay");
        NotNegative(errors, retry.MaxDelay, "Retry:MaxDelay");
        Positive(errors, retry.OverallTimeout, "Retry:OverallTimeout", "QIANFAN_LLM_API_RETRY_TIMEOUT");
        NotNegative(errors, limits.QueriesPerSecond, "RateLimits:QueriesPerSecond", "QIANFAN_QPS_LIMIT");
        NotNegative(errors, limits.RequestsPerMinute, "RateLimits:RequestsPerMinute", "QIANFAN_RPM_LIMIT");
        NotNegative(errors, limits.TokensPerMinute, "RateLimits:TokensPerMinute", "QIANFAN_TPM_LIMIT");
        NotNegative(errors, limits.QueueLimit, "RateLimits:QueueLimit", null);
        return errors;
    }

    /// <summary>Half-given pairs; and, when <paramref name="requireAny"/>, no credential at all.</summary>
    public static List<string> Errors(QianfanCredentials credentials, bool requireAny)
    {
        var errors = new List<string>();
        Pair(errors, credentials.IamAccessKey, credentials.IamSecretKey, ("IamAccessKey", "QIANFAN_ACCESS_KEY"), ("IamSecretKey", "QIANFAN_SECRET_KEY"));
        Pair(errors, credentials.ApiKey, credentials.SecretKey, ("ApiKey", "QIANFAN_AK"), ("SecretKey", "QIANFAN_SK"));
        if (requireAny && errors.Count == 0 && !credentials.HasV1 && !credentials.HasV2)
        {
            errors.Add(NoCredentials);
        }

        return errors;
    }

    public const string NoCredentials =
        "No Qianfan credentials: set ApiKey and SecretKey (Qianfan:ApiKey and Qianfan:SecretKey, or QIANFAN_AK and QIANFAN_SK), " +
        "IamAccessKey and IamSecretKey (Qianfan:IamAccessKey and Qianfan:IamSecretKey, or QIANFAN_ACCESS_KEY and QIANFAN_SECRET_KEY), " +
        "AccessToken (Qianfan:AccessToken, QIANFAN_ACCESS_TOKEN), V2ApiKey (Qianfan:V2ApiKey, QIANFAN_API_KEY), or register an IAccessTokenProvider.";

    /// <summary>Throws an <see cref="ArgumentException"/> listing every error, if any.</summary>
    public static void ThrowIfInvalid(List<string> errors, string paramName)
    {
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), paramName);
        }
    }

    private static void Pair(List<string> errors, string? first, string? second, (string Key, string Variable) a, (string Key, string Variable) b)
    {
        if (string.IsNullOrEmpty(first) != string.IsNullOrEmpty(second))
        {
            errors.Add(string.IsNullOrEmpty(first)
                ? $"{a.Key} (Qianfan:{a.Key}, {a.Variable}) is missing: it is required with {b.Key}."
                : $"{b.Key} (Qianfan:{b.Key}, {b.Variable}) is missing: it is required with {a.Key}.");
        }
    }

    private static void HttpUrl(List<string> errors, Uri? url, string key, string variable)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{Describe(key, variable)} must be an absolute http or https URL.");
        }
    }

    private static void NotNegative(List<string> errors, int value, string key, string? variable)
    {
        if (value < 0)
        {
            errors.Add($"{Describe(key, variable)} must be zero or more, was {value}.");
        }
    }

    private static void NotNegative(List<string> errors, TimeSpan value, string key)
    {
        if (value < TimeSpan.Zero)
        {
            errors.Add($"{Describe(key, null)} must be zero or more, was {value}.");
        }
    }

    private static void Positive(List<string> errors, TimeSpan value, string key, string? variable)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{Describe(key, variable)} must be positive, was {value}.");
        }
    }

    private static string Describe(string key, string? variable) =>
        variable is null ? $"{key} (Qianfan:{key})" : $"{key} (Qianfan:{key}, {variable})";
}
