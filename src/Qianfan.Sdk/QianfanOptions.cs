using System.Globalization;

namespace Qianfan.Sdk;

/// <summary>
/// Client-wide settings: where the service is, which credentials to use, how long to wait.
/// Give either <see cref="ApiKey"/> and <see cref="SecretKey"/> (the application's keys, exchanged for an
/// access token) or a ready <see cref="AccessToken"/>.
/// </summary>
public sealed class QianfanOptions
{
    /// <summary>The V1 API and OAuth host used when none is set.</summary>
    public const string DefaultBaseUrl = "https://aip.baidubce.com";

    /// <summary>The V1 API and OAuth host (<c>QIANFAN_BASE_URL</c>); default <c>https://aip.baidubce.com</c>.</summary>
    public Uri BaseUrl { get; set; } = new(DefaultBaseUrl);

    /// <summary>The application's API Key (<c>QIANFAN_AK</c>), exchanged with <see cref="SecretKey"/> for an access token.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The application's Secret Key (<c>QIANFAN_SK</c>). Never logged or printed.</summary>
    public string? SecretKey { get; set; }

    /// <summary>A ready access token (<c>QIANFAN_ACCESS_TOKEN</c>), used as is instead of an exchange. Never logged or printed.</summary>
    public string? AccessToken { get; set; }

    /// <summary>How long before its expiry a cached token is renewed; default 5 minutes.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the token exchange may take (<c>QIANFAN_AUTH_TIMEOUT</c>, seconds); default 5 seconds.</summary>
    public TimeSpan AuthTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one attempt may wait for its answer: the whole reply for a sync call, the first chunk for a stream.
    /// An attempt past it is abandoned and retried. Default 120 seconds.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Retries of calls that failed for a passing reason; see <see cref="QianfanRetryOptions"/>.</summary>
    public QianfanRetryOptions Retry { get; set; } = new();

    /// <summary>Client-side QPS/RPM/TPM limits; none by default. See <see cref="QianfanRateLimitOptions"/>.</summary>
    public QianfanRateLimitOptions RateLimits { get; set; } = new();

    /// <summary>
    /// Options from the environment variables Baidu's official SDKs read: <c>QIANFAN_AK</c>, <c>QIANFAN_SK</c>,
    /// <c>QIANFAN_ACCESS_TOKEN</c>, <c>QIANFAN_BASE_URL</c>, <c>QIANFAN_AUTH_TIMEOUT</c>, the retry settings
    /// <c>QIANFAN_LLM_API_RETRY_COUNT</c>, <c>_RETRY_TIMEOUT</c>, <c>_RETRY_BACKOFF_FACTOR</c> and
    /// <c>_RETRY_MAX_WAIT_INTERVAL</c>, and the limits <c>QIANFAN_QPS_LIMIT</c>, <c>QIANFAN_RPM_LIMIT</c> and
    /// <c>QIANFAN_TPM_LIMIT</c>. Unset variables keep the defaults.
    /// </summary>
    public static QianfanOptions FromEnvironment()
    {
        var options = new QianfanOptions();
        options.ApplyEnvironment(Environment.GetEnvironmentVariable);
        return options;
    }

    /// <summary>Overwrites each setting whose <c>QIANFAN_*</c> variable <paramref name="read"/> gives; unset ones keep their value.</summary>
    internal void ApplyEnvironment(Func<string, string?> read)
    {
        string? Read(string name) => read(name) is { Length: > 0 } value ? value : null;

        ApiKey = Read("QIANFAN_AK") ?? ApiKey;
        SecretKey = Read("QIANFAN_SK") ?? SecretKey;
        AccessToken = Read("QIANFAN_ACCESS_TOKEN") ?? AccessToken;
        if (Read("QIANFAN_BASE_URL") is { } baseUrl)
        {
            BaseUrl = Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri)
                ? uri
                : throw new ArgumentException($"QIANFAN_BASE_URL must be an absolute URL, was '{baseUrl}'.");
        }

        AuthTimeout = Seconds(Read, "QIANFAN_AUTH_TIMEOUT", allowZero: false) ?? AuthTimeout;
        Retry.MaxRetries = Int(Read, "QIANFAN_LLM_API_RETRY_COUNT") ?? Retry.MaxRetries;
        Retry.OverallTimeout = Seconds(Read, "QIANFAN_LLM_API_RETRY_TIMEOUT", allowZero: false) ?? Retry.OverallTimeout;
        Retry.BaseDelay = Seconds(Read, "QIANFAN_LLM_API_RETRY_BACKOFF_FACTOR") ?? Retry.BaseDelay;
        Retry.MaxDelay = Seconds(Read, "QIANFAN_LLM_API_RETRY_MAX_WAIT_INTERVAL") ?? Retry.MaxDelay;
        RateLimits.QueriesPerSecond = Int(Read, "QIANFAN_QPS_LIMIT") ?? RateLimits.QueriesPerSecond;
        RateLimits.RequestsPerMinute = Int(Read, "QIANFAN_RPM_LIMIT") ?? RateLimits.RequestsPerMinute;
        RateLimits.TokensPerMinute = Int(Read, "QIANFAN_TPM_LIMIT") ?? RateLimits.TokensPerMinute;
    }

    /// <summary>Whether credentials were given (API Key and Secret Key, or an access token).</summary>
    public bool HasCredentials => !string.IsNullOrEmpty(AccessToken) || (!string.IsNullOrEmpty(ApiKey) && !string.IsNullOrEmpty(SecretKey));

    /// <summary>The settings with every secret masked.</summary>
    public override string ToString() =>
        $"BaseUrl={BaseUrl}, ApiKey={Mask(ApiKey)}, SecretKey={Mask(SecretKey)}, AccessToken={Mask(AccessToken)}, Timeout={Timeout}";

    internal void Validate()
    {
        if (ValidationErrors() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }
    }

    /// <summary>
    /// Every broken setting, each message naming the setting with its configuration key and environment variable.
    /// Secrets are never echoed.
    /// </summary>
    internal List<string> ValidationErrors()
    {
        var errors = new List<string>();
        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttps && BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add("BaseUrl (Qianfan:BaseUrl, QIANFAN_BASE_URL) must be an absolute http or https URL.");
        }

        if (string.IsNullOrEmpty(ApiKey) != string.IsNullOrEmpty(SecretKey))
        {
            errors.Add(string.IsNullOrEmpty(ApiKey)
                ? "ApiKey (Qianfan:ApiKey, QIANFAN_AK) is missing: it is required with SecretKey."
                : "SecretKey (Qianfan:SecretKey, QIANFAN_SK) is missing: it is required with ApiKey.");
        }

        NotNegative(errors, TokenRefreshMargin, "TokenRefreshMargin");
        Positive(errors, AuthTimeout, "AuthTimeout", "QIANFAN_AUTH_TIMEOUT");
        Positive(errors, Timeout, "Timeout", null);
        if (Retry is null || RateLimits is null)
        {
            errors.Add("Retry and RateLimits must not be null.");
            return errors;
        }

        NotNegative(errors, Retry.MaxRetries, "Retry:MaxRetries", "QIANFAN_LLM_API_RETRY_COUNT");
        NotNegative(errors, Retry.BaseDelay, "Retry:BaseDelay");
        NotNegative(errors, Retry.MaxDelay, "Retry:MaxDelay");
        Positive(errors, Retry.OverallTimeout, "Retry:OverallTimeout", "QIANFAN_LLM_API_RETRY_TIMEOUT");
        NotNegative(errors, RateLimits.QueriesPerSecond, "RateLimits:QueriesPerSecond", "QIANFAN_QPS_LIMIT");
        NotNegative(errors, RateLimits.RequestsPerMinute, "RateLimits:RequestsPerMinute", "QIANFAN_RPM_LIMIT");
        NotNegative(errors, RateLimits.TokensPerMinute, "RateLimits:TokensPerMinute", "QIANFAN_TPM_LIMIT");
        NotNegative(errors, RateLimits.QueueLimit, "RateLimits:QueueLimit", null);
        return errors;
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

    private static int? Int(Func<string, string?> read, string name) => read(name) is not { } text
        ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new ArgumentException($"{name} must be a whole number of zero or more, was '{text}'.");

    private static TimeSpan? Seconds(Func<string, string?> read, string name, bool allowZero = true) => read(name) is not { } text
        ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && (allowZero ? seconds >= 0 : seconds > 0) && seconds < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{name} must be a number of seconds{(allowZero ? ", zero or more" : " greater than zero")}, was '{text}'.");

    private static string Mask(string? secret) => string.IsNullOrEmpty(secret) ? "(none)" : "***";
}
