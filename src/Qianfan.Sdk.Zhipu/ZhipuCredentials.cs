namespace Qianfan.Sdk.Zhipu;

/// <summary>
/// Who the client is to Zhipu: the API key from the console (<c>{id}.{secret}</c>). How it is sent is a setting
/// (<see cref="ZhipuOptions.Authentication"/>). The key is never logged or printed.
/// </summary>
public sealed class ZhipuCredentials
{
    /// <summary>The API key (<c>ZHIPUAI_API_KEY</c>, configuration <c>Zhipu:ApiKey</c>), shaped <c>{id}.{secret}</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Credentials from the variable the official SDKs read, <c>ZHIPUAI_API_KEY</c>.</summary>
    public static ZhipuCredentials FromEnvironment()
    {
        var credentials = new ZhipuCredentials();
        ZhipuEnvironment.Apply(credentials, Environment.GetEnvironmentVariable);
        return credentials;
    }

    /// <summary>Whether a key is set.</summary>
    internal bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>Which credentials are set, every value masked.</summary>
    public override string ToString() => $"ApiKey={(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}";
}
