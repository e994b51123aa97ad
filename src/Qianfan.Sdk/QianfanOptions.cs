using Qianfan.Sdk.Core;

namespace Qianfan.Sdk;

/// <summary>
/// Client-wide settings: where the service is, how long to wait, how to retry and limit. The credentials are
/// <see cref="QianfanCredentials"/>. Read once when a client is made; later changes have no effect on it.
/// </summary>
public sealed class QianfanOptions
{
    /// <summary>The V1 API and OAuth host used when none is set.</summary>
    public const string DefaultBaseUrl = "https://aip.baidubce.com";

    /// <summary>The V1 API and OAuth host (<c>QIANFAN_BASE_URL</c>); default <c>https://aip.baidubce.com</c>.</summary>
    public Uri BaseUrl { get; set; } = new(DefaultBaseUrl);

    /// <summary>The V2 (OpenAI-compatible) API host (<c>QIANFAN_V2_BASE_URL</c>); default <c>https://qianfan.baidubce.com</c>.</summary>
    public Uri V2BaseUrl { get; set; } = new("https://qianfan.baidubce.com");

    /// <summary>The IAM host that issues V2 bearer tokens (<c>QIANFAN_IAM_BASE_URL</c>); default <c>https://iam.bj.baidubce.com</c>.</summary>
    public Uri IamBaseUrl { get; set; } = new("https://iam.bj.baidubce.com");

    /// <summary>How long a <c>bce-auth-v1</c> signature stays valid (<c>QIANFAN_IAM_SIGN_EXPIRATION_SEC</c>); default 300 seconds.</summary>
    public TimeSpan IamSignatureExpiration { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>How long a V2 bearer token obtained with the IAM keys is asked to live; default 1 day.</summary>
    public TimeSpan BearerTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long before its expiry a cached token is renewed; default 5 minutes.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a token exchange may take (<c>QIANFAN_AUTH_TIMEOUT</c>, seconds); default 5 seconds.</summary>
    public TimeSpan AuthTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one attempt may wait: for its credentials, then (after any client-side rate limit) for the whole
    /// reply of a sync call or the first chunk of a stream. An attempt past it is abandoned and retried. Default 120 seconds.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// How long a stream may stay silent between two chunks once the first has arrived (<c>QIANFAN_STREAM_IDLE_TIMEOUT</c>,
    /// seconds); past it the stream fails with a <see cref="TimeoutException"/>, never retried since chunks were
    /// delivered. Null (the default) uses <see cref="Timeout"/>.
    /// </summary>
    public TimeSpan? StreamIdleTimeout { get; set; }

    /// <summary>
    /// Retries of calls that failed for a passing reason (<c>QIANFAN_LLM_API_RETRY_COUNT</c>, <c>_RETRY_BACKOFF_FACTOR</c>,
    /// <c>_RETRY_MAX_WAIT_INTERVAL</c>, <c>_RETRY_TIMEOUT</c>); the defaults are those of Baidu's official SDKs.
    /// </summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Client-side limits (<c>QIANFAN_QPS_LIMIT</c>, <c>QIANFAN_RPM_LIMIT</c>, <c>QIANFAN_TPM_LIMIT</c>); none by default.</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>
    /// Settings from the environment variables Baidu's official SDKs read (the base URLs, <c>QIANFAN_AUTH_TIMEOUT</c>,
    /// the retry and limit variables), and <c>QIANFAN_STREAM_IDLE_TIMEOUT</c>. Unset variables keep the defaults.
    /// </summary>
    /// <exception cref="ArgumentException">A variable is set to a value that cannot be read, naming it.</exception>
    public static QianfanOptions FromEnvironment()
    {
        var options = new QianfanOptions();
        QianfanEnvironment.Apply(options, Environment.GetEnvironmentVariable);
        return options;
    }

    /// <summary>The idle timeout streams get: <see cref="StreamIdleTimeout"/>, else <see cref="Timeout"/>.</summary>
    internal TimeSpan EffectiveStreamIdleTimeout => StreamIdleTimeout ?? Timeout;

    /// <inheritdoc />
    public override string ToString() =>
        $"BaseUrl={BaseUrl}, V2BaseUrl={V2BaseUrl}, IamBaseUrl={IamBaseUrl}, Timeout={Timeout}, StreamIdleTimeout={EffectiveStreamIdleTimeout}, MaxRetries={Retry?.MaxRetries}";
}
