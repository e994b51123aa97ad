using Qianfan.Sdk.Core.Settings;

namespace Qianfan.Sdk;

/// <summary>
/// Every broken setting of a client, each message naming the setting with its configuration key and environment
/// variable; secrets are never echoed. Used by the client's constructor and by <c>AddQianfan</c>'s start-up check.
/// </summary>
internal static class QianfanSettingsValidator
{
    public static List<string> Errors(QianfanOptions options)
    {
        var check = new SettingErrors("Qianfan");
        var errors = check.Messages;
        check.HttpUrl(options.BaseUrl, "BaseUrl", "QIANFAN_BASE_URL");
        check.HttpUrl(options.IamBaseUrl, "IamBaseUrl", "QIANFAN_IAM_BASE_URL");
        check.HttpUrl(options.V2BaseUrl, "V2BaseUrl", "QIANFAN_V2_BASE_URL");
        check.Positive(options.IamSignatureExpiration, "IamSignatureExpiration", "QIANFAN_IAM_SIGN_EXPIRATION_SEC");
        check.Positive(options.BearerTokenLifetime, "BearerTokenLifetime", null);
        check.NotNegative(options.TokenRefreshMargin, "TokenRefreshMargin");
        check.Positive(options.AuthTimeout, "AuthTimeout", "QIANFAN_AUTH_TIMEOUT");
        check.Positive(options.Timeout, "Timeout", null);
        if (options.StreamIdleTimeout is { } idle)
        {
            check.Positive(idle, "StreamIdleTimeout", "QIANFAN_STREAM_IDLE_TIMEOUT");
        }

        if (options.Retry is not { } retry || options.RateLimits is not { } limits)
        {
            errors.Add("Retry and RateLimits must not be null.");
            return errors;
        }

        check.Retry(retry, "QIANFAN_LLM_API_RETRY_COUNT", "QIANFAN_LLM_API_RETRY_TIMEOUT");
        check.RateLimits(limits, "QIANFAN_QPS_LIMIT", "QIANFAN_RPM_LIMIT", "QIANFAN_TPM_LIMIT");
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
    public static void ThrowIfInvalid(List<string> errors, string paramName) => SettingErrors.ThrowIfAny(errors, paramName);

    private static void Pair(List<string> errors, string? first, string? second, (string Key, string Variable) a, (string Key, string Variable) b)
    {
        if (string.IsNullOrEmpty(first) != string.IsNullOrEmpty(second))
        {
            errors.Add(string.IsNullOrEmpty(first)
                ? $"{a.Key} (Qianfan:{a.Key}, {a.Variable}) is missing: it is required with {b.Key}."
                : $"{b.Key} (Qianfan:{b.Key}, {b.Variable}) is missing: it is required with {a.Key}.");
        }
    }

}
