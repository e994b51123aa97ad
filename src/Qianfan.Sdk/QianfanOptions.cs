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
        var options = new QianfanOptions
        {
            ApiKey = Read("QIANFAN_AK"),
            SecretKey = Read("QIANFAN_SK"),
            AccessToken = Read("QIANFAN_ACCESS_TOKEN"),
        };
        if (Read("QIANFAN_BASE_URL") is { } baseUrl)
        {
            options.BaseUrl = Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri)
                ? uri
                : throw new ArgumentException($"QIANFAN_BASE_URL must be an absolute URL, was '{baseUrl}'.");
        }

        options.AuthTimeout = ReadSeconds("QIANFAN_AUTH_TIMEOUT", allowZero: false) ?? options.AuthTimeout;
        options.Retry.MaxRetries = ReadInt("QIANFAN_LLM_API_RETRY_COUNT") ?? options.Retry.MaxRetries;
        options.Retry.OverallTimeout = ReadSeconds("QIANFAN_LLM_API_RETRY_TIMEOUT", allowZero: false) ?? options.Retry.OverallTimeout;
        options.Retry.BaseDelay = ReadSeconds("QIANFAN_LLM_API_RETRY_BACKOFF_FACTOR") ?? options.Retry.BaseDelay;
        options.Retry.MaxDelay = ReadSeconds("QIANFAN_LLM_API_RETRY_MAX_WAIT_INTERVAL") ?? options.Retry.MaxDelay;
        options.RateLimits.QueriesPerSecond = ReadInt("QIANFAN_QPS_LIMIT") ?? 0;
        options.RateLimits.RequestsPerMinute = ReadInt("QIANFAN_RPM_LIMIT") ?? 0;
        options.RateLimits.TokensPerMinute = ReadInt("QIANFAN_TPM_LIMIT") ?? 0;
        return options;
    }

    /// <summary>Whether credentials were given (API Key and Secret Key, or an access token).</summary>
    public bool HasCredentials => !string.IsNullOrEmpty(AccessToken) || (!string.IsNullOrEmpty(ApiKey) && !string.IsNullOrEmpty(SecretKey));

    /// <summary>The settings with every secret masked.</summary>
    public override string ToString() =>
        $"BaseUrl={BaseUrl}, ApiKey={Mask(ApiKey)}, SecretKey={Mask(SecretKey)}, AccessToken={Mask(AccessToken)}, Timeout={Timeout}";

    internal void Validate()
    {
        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttps && BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("QianfanOptions.BaseUrl must be an absolute http or https URL.", nameof(BaseUrl));
        }

        if (string.IsNullOrEmpty(ApiKey) != string.IsNullOrEmpty(SecretKey))
        {
            throw new ArgumentException(
                string.IsNullOrEmpty(ApiKey) ? "QianfanOptions.ApiKey is missing: it is required with SecretKey." : "QianfanOptions.SecretKey is missing: it is required with ApiKey.");
        }

        RequirePositive(TokenRefreshMargin, nameof(TokenRefreshMargin), allowZero: true);
        RequirePositive(AuthTimeout, nameof(AuthTimeout), allowZero: false);
        RequirePositive(Timeout, nameof(Timeout), allowZero: false);
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        ArgumentNullException.ThrowIfNull(RateLimits, nameof(RateLimits));
        RequireNonNegative(Retry.MaxRetries, "Retry.MaxRetries");
        RequirePositive(Retry.BaseDelay, "Retry.BaseDelay", allowZero: true);
        RequirePositive(Retry.MaxDelay, "Retry.MaxDelay", allowZero: true);
        RequirePositive(Retry.OverallTimeout, "Retry.OverallTimeout", allowZero: false);
        RequireNonNegative(RateLimits.QueriesPerSecond, "RateLimits.QueriesPerSecond");
        RequireNonNegative(RateLimits.RequestsPerMinute, "RateLimits.RequestsPerMinute");
        RequireNonNegative(RateLimits.TokensPerMinute, "RateLimits.TokensPerMinute");
        RequireNonNegative(RateLimits.QueueLimit, "RateLimits.QueueLimit");
    }

    private static void RequireNonNegative(int value, string name)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"QianfanOptions.{name} must be zero or more.");
        }
    }

    private static void RequirePositive(TimeSpan value, string name, bool allowZero)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
        {
            throw new ArgumentOutOfRangeException(name, value, $"QianfanOptions.{name} must be {(allowZero ? "zero or more" : "positive")}.");
        }
    }

    private static int? ReadInt(string name) => Read(name) is not { } text
        ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new ArgumentException($"{name} must be a whole number of zero or more, was '{text}'.");

    private static TimeSpan? ReadSeconds(string name, bool allowZero = true) => Read(name) is not { } text
        ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && (allowZero ? seconds >= 0 : seconds > 0) && seconds < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{name} must be a number of seconds{(allowZero ? ", zero or more" : " greater than zero")}, was '{text}'.");

    private static string? Read(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static string Mask(string? secret) => string.IsNullOrEmpty(secret) ? "(none)" : "***";
}
