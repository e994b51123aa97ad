using Qianfan.Sdk.Core.Settings;

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
        var check = new SettingErrors("DashScope");
        var errors = check.Messages;
        if (!Enum.IsDefined(options.Region))
        {
            errors.Add($"Region (DashScope:Region, DASHSCOPE_REGION) must be China, International or Finance, was {(int)options.Region}.");
        }

        if (options.BaseUrl is { } url)
        {
            check.HttpUrl(url, "BaseUrl", "DASHSCOPE_HTTP_BASE_URL");
        }

        if (options.WorkspaceId is { } workspace && string.IsNullOrWhiteSpace(workspace))
        {
            errors.Add("WorkspaceId (DashScope:WorkspaceId, DASHSCOPE_WORKSPACE) must not be blank; leave it unset for the key's default workspace.");
        }

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
    public static void ThrowIfInvalid(List<string> errors, string paramName) => SettingErrors.ThrowIfAny(errors, paramName);
}
