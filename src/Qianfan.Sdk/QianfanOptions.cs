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

    /// <summary>
    /// An IAM Access Key (<c>QIANFAN_ACCESS_KEY</c>), with <see cref="IamSecretKey"/>: V1 calls are then signed with
    /// <c>bce-auth-v1</c> instead of carrying an access token, and V2 calls use a bearer token obtained with them.
    /// When both these and the application's keys are set, the IAM keys are used.
    /// </summary>
    public string? IamAccessKey { get; set; }

    /// <summary>The IAM Secret Key (<c>QIANFAN_SECRET_KEY</c>). Never logged or printed.</summary>
    public string? IamSecretKey { get; set; }

    /// <summary>How long a <c>bce-auth-v1</c> signature stays valid (<c>QIANFAN_IAM_SIGN_EXPIRATION_SEC</c>); default 300 seconds.</summary>
    public TimeSpan IamSignatureExpiration { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>The IAM host that issues V2 bearer tokens (<c>QIANFAN_IAM_BASE_URL</c>); default <c>https://iam.bj.baidubce.com</c>.</summary>
    public Uri IamBaseUrl { get; set; } = new("https://iam.bj.baidubce.com");

    /// <summary>How long a V2 bearer token obtained with the IAM keys is asked to live; default 1 day.</summary>
    public TimeSpan BearerTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// A V2 API key from the console (<c>QIANFAN_API_KEY</c>, shaped <c>bce-v3/ALTAK-…</c>), sent as
    /// <c>Authorization: Bearer</c> on V2 calls. Never logged or printed.
    /// </summary>
    public string? V2ApiKey { get; set; }

    /// <summary>The V2 (OpenAI-compatible) API host (<c>QIANFAN_V2_BASE_URL</c>); default <c>https://qianfan.baidubce.com</c>.</summary>
    public Uri V2BaseUrl { get; set; } = new("https://qianfan.baidubce.com");

    /// <summary>How long before its expiry a cached token is renewed; default 5 minutes.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the token exchange may take (<c>QIANFAN_AUTH_TIMEOUT</c>, seconds); default 5 seconds.</summary>
    public TimeSpan AuthTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one attempt may wait: for its credentials, then (after any client-side rate limit) for the whole
    /// reply of a sync call or the first chunk of a stream. An attempt past it is abandoned and retried. Default 120 seconds.
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
        IamAccessKey = Read("QIANFAN_ACCESS_KEY") ?? IamAccessKey;
        IamSecretKey = Read("QIANFAN_SECRET_KEY") ?? IamSecretKey;
        V2ApiKey = Read("QIANFAN_API_KEY") ?? V2ApiKey;
        BaseUrl = Url(Read, "QIANFAN_BASE_URL") ?? BaseUrl;
        IamBaseUrl = Url(Read, "QIANFAN_IAM_BASE_URL") ?? IamBaseUrl;
        V2BaseUrl = Url(Read, "QIANFAN_V2_BASE_URL") ?? V2BaseUrl;
        IamSignatureExpiration = Seconds(Read, "QIANFAN_IAM_SIGN_EXPIRATION_SEC", allowZero: false) ?? IamSignatureExpiration;

        AuthTimeout = Seconds(Read, "QIANFAN_AUTH_TIMEOUT", allowZero: false) ?? AuthTimeout;
        Retry.MaxRetries = Int(Read, "QIANFAN_LLM_API_RETRY_COUNT") ?? Retry.MaxRetries;
        Retry.OverallTimeout = Seconds(Read, "QIANFAN_LLM_API_RETRY_TIMEOUT", allowZero: false) ?? Retry.OverallTimeout;
        Retry.BaseDelay = Seconds(Read, "QIANFAN_LLM_API_RETRY_BACKOFF_FACTOR") ?? Retry.BaseDelay;
        Retry.MaxDelay = Seconds(Read, "QIANFAN_LLM_API_RETRY_MAX_WAIT_INTERVAL") ?? Retry.MaxDelay;
        RateLimits.QueriesPerSecond = Int(Read, "QIANFAN_QPS_LIMIT") ?? RateLimits.QueriesPerSecond;
        RateLimits.RequestsPerMinute = Int(Read, "QIANFAN_RPM_LIMIT") ?? RateLimits.RequestsPerMinute;
        RateLimits.TokensPerMinute = Int(Read, "QIANFAN_TPM_LIMIT") ?? RateLimits.TokensPerMinute;
    }

    /// <summary>Whether any credentials were given: the application's keys, IAM keys, an access token or a V2 API key.</summary>
    public bool HasCredentials => HasV1Credentials || !string.IsNullOrEmpty(V2ApiKey);

    /// <summary>Whether V1 calls can authenticate: an access token, IAM keys or the application's keys.</summary>
    internal bool HasV1Credentials => !string.IsNullOrEmpty(AccessToken) || HasIamKeys || (!string.IsNullOrEmpty(ApiKey) && !string.IsNullOrEmpty(SecretKey));

    /// <summary>Whether both IAM keys are set.</summary>
    internal bool HasIamKeys => !string.IsNullOrEmpty(IamAccessKey) && !string.IsNullOrEmpty(IamSecretKey);

    /// <summary>The settings with every secret masked.</summary>
    public override string ToString() =>
        $"BaseUrl={BaseUrl}, ApiKey={Mask(ApiKey)}, SecretKey={Mask(SecretKey)}, AccessToken={Mask(AccessToken)}, " +
        $"IamAccessKey={Mask(IamAccessKey)}, IamSecretKey={Mask(IamSecretKey)}, V2ApiKey={Mask(V2ApiKey)}, V2BaseUrl={V2BaseUrl}, Timeout={Timeout}";

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
        HttpUrl(errors, BaseUrl, "BaseUrl", "QIANFAN_BASE_URL");
        HttpUrl(errors, IamBaseUrl, "IamBaseUrl", "QIANFAN_IAM_BASE_URL");
        HttpUrl(errors, V2BaseUrl, "V2BaseUrl", "QIANFAN_V2_BASE_URL");
        if (string.IsNullOrEmpty(IamAccessKey) != string.IsNullOrEmpty(IamSecretKey))
        {
            errors.Add(string.IsNullOrEmpty(IamAccessKey)
                ? "IamAccessKey (Qianfan:IamAccessKey, QIANFAN_ACCESS_KEY) is missing: it is required with IamSecretKey."
                : "IamSecretKey (Qianfan:IamSecretKey, QIANFAN_SECRET_KEY) is missing: it is required with IamAccessKey.");
        }

        Positive(errors, IamSignatureExpiration, "IamSignatureExpiration", "QIANFAN_IAM_SIGN_EXPIRATION_SEC");
        Positive(errors, BearerTokenLifetime, "BearerTokenLifetime", null);

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

    private static void HttpUrl(List<string> errors, Uri? url, string key, string variable)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{Describe(key, variable)} must be an absolute http or https URL.");
        }
    }

    private static Uri? Url(Func<string, string?> read, string name) => read(name) is not { } text
        ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri)
            ? uri
            : throw new ArgumentException($"{name} must be an absolute URL, was '{text}'.");

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
