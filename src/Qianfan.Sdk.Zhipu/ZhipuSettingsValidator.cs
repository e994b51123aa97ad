using Qianfan.Sdk.Core.Settings;

namespace Qianfan.Sdk.Zhipu;

/// <summary>
/// Every broken setting of a client, each message naming the setting with its configuration key (and environment
/// variable); the key is never echoed. Used by the client's constructor and by <c>AddZhipu</c>'s start-up check.
/// </summary>
internal static class ZhipuSettingsValidator
{
    public const string NoCredentials = "No Zhipu API key: set ApiKey (Zhipu:ApiKey, or ZHIPUAI_API_KEY) to the key from the console, {id}.{secret}.";

    public static List<string> Errors(ZhipuOptions options)
    {
        var check = new SettingErrors("Zhipu");
        var errors = check.Messages;
        if (options.BaseUrl is { } url)
        {
            check.HttpUrl(url, "BaseUrl", ZhipuEnvironment.BaseUrlVariable);
        }

        if (!Enum.IsDefined(options.Region))
        {
            errors.Add($"Region (Zhipu:Region) must be China or International, was {options.Region}.");
        }

        if (!Enum.IsDefined(options.Authentication))
        {
            errors.Add($"Authentication (Zhipu:Authentication) must be ApiKey or Jwt, was {options.Authentication}.");
        }

        check.Positive(options.JwtLifetime, "JwtLifetime");
        check.NotNegative(options.JwtRefreshMargin, "JwtRefreshMargin");
        check.Positive(options.Timeout, "Timeout");
        if (options.StreamIdleTimeout is { } idle)
        {
            check.Positive(idle, "StreamIdleTimeout");
        }

        if (options.Retry is not { } retry || options.RateLimits is not { } limits || options.TaskPolling is not { } polling)
        {
            errors.Add("Retry, RateLimits and TaskPolling must not be null.");
            return errors;
        }

        check.Retry(retry);
        check.RateLimits(limits);
        check.TaskPolling(polling);
        return errors;
    }

    /// <summary>No key; and, with <see cref="ZhipuAuthentication.Jwt"/>, a key that cannot sign (not <c>{id}.{secret}</c>).</summary>
    public static List<string> Errors(ZhipuCredentials credentials, ZhipuOptions options)
    {
        var errors = new List<string>();
        if (!credentials.HasApiKey)
        {
            errors.Add(NoCredentials);
        }
        else if (options.Authentication == ZhipuAuthentication.Jwt && !Authentication.ZhipuJwt.TrySplit(credentials.ApiKey, out _, out _))
        {
            errors.Add("ApiKey (Zhipu:ApiKey, ZHIPUAI_API_KEY) must be {id}.{secret}, two parts around one dot, to sign a JWT (Authentication is Jwt).");
        }

        return errors;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every error, if any.</summary>
    public static void ThrowIfInvalid(List<string> errors, string paramName) => SettingErrors.ThrowIfAny(errors, paramName);
}
