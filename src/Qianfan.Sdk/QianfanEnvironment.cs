using System.Globalization;

namespace Qianfan.Sdk;

/// <summary>
/// The <c>QIANFAN_*</c> environment variables, as Baidu's official SDKs name them, read into credentials and settings.
/// A variable that is set overwrites the value; an unset or empty one leaves it. A value that cannot be read is an
/// <see cref="ArgumentException"/> naming the variable (never echoing a secret).
/// </summary>
internal static class QianfanEnvironment
{
    /// <summary>The variables that hold credentials, for callers that tell "none given" from "half given".</summary>
    public static readonly string[] CredentialVariables =
        ["QIANFAN_AK", "QIANFAN_SK", "QIANFAN_ACCESS_TOKEN", "QIANFAN_ACCESS_KEY", "QIANFAN_SECRET_KEY", "QIANFAN_API_KEY"];

    public static void Apply(QianfanCredentials credentials, Func<string, string?> read)
    {
        string? Read(string name) => read(name) is { Length: > 0 } value ? value : null;

        credentials.ApiKey = Read("QIANFAN_AK") ?? credentials.ApiKey;
        credentials.SecretKey = Read("QIANFAN_SK") ?? credentials.SecretKey;
        credentials.AccessToken = Read("QIANFAN_ACCESS_TOKEN") ?? credentials.AccessToken;
        credentials.IamAccessKey = Read("QIANFAN_ACCESS_KEY") ?? credentials.IamAccessKey;
        credentials.IamSecretKey = Read("QIANFAN_SECRET_KEY") ?? credentials.IamSecretKey;
        credentials.V2ApiKey = Read("QIANFAN_API_KEY") ?? credentials.V2ApiKey;
    }

    public static void Apply(QianfanOptions options, Func<string, string?> read)
    {
        string? Read(string name) => read(name) is { Length: > 0 } value ? value : null;

        options.BaseUrl = Url(Read, "QIANFAN_BASE_URL") ?? options.BaseUrl;
        options.IamBaseUrl = Url(Read, "QIANFAN_IAM_BASE_URL") ?? options.IamBaseUrl;
        options.V2BaseUrl = Url(Read, "QIANFAN_V2_BASE_URL") ?? options.V2BaseUrl;
        options.IamSignatureExpiration = Seconds(Read, "QIANFAN_IAM_SIGN_EXPIRATION_SEC", allowZero: false) ?? options.IamSignatureExpiration;
        options.AuthTimeout = Seconds(Read, "QIANFAN_AUTH_TIMEOUT", allowZero: false) ?? options.AuthTimeout;
        options.StreamIdleTimeout = Seconds(Read, "QIANFAN_STREAM_IDLE_TIMEOUT", allowZero: false) ?? options.StreamIdleTimeout;

        options.Retry.MaxRetries = Int(Read, "QIANFAN_LLM_API_RETRY_COUNT") ?? options.Retry.MaxRetries;
        options.Retry.OverallTimeout = Seconds(Read, "QIANFAN_LLM_API_RETRY_TIMEOUT", allowZero: false) ?? options.Retry.OverallTimeout;
        options.Retry.BaseDelay = Seconds(Read, "QIANFAN_LLM_API_RETRY_BACKOFF_FACTOR") ?? options.Retry.BaseDelay;
        options.Retry.MaxDelay = Seconds(Read, "QIANFAN_LLM_API_RETRY_MAX_WAIT_INTERVAL") ?? options.Retry.MaxDelay;
        options.RateLimits.QueriesPerSecond = Int(Read, "QIANFAN_QPS_LIMIT") ?? options.RateLimits.QueriesPerSecond;
        options.RateLimits.RequestsPerMinute = Int(Read, "QIANFAN_RPM_LIMIT") ?? options.RateLimits.RequestsPerMinute;
        options.RateLimits.TokensPerMinute = Int(Read, "QIANFAN_TPM_LIMIT") ?? options.RateLimits.TokensPerMinute;
    }

    private static Uri? Url(Func<string, string?> read, string name) => read(name) is not { } text
        ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri)
            ? uri
            : throw new ArgumentException($"{name} must be an absolute URL, was '{text}'.");

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
}
