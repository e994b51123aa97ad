namespace Qianfan.Sdk.DashScope;

/// <summary>
/// Who the client is to DashScope: an API key (<c>sk-…</c>) from the Model Studio console of the region the client
/// talks to, sent as <c>Authorization: Bearer</c>. Never logged or printed.
/// </summary>
public sealed class DashScopeCredentials
{
    /// <summary>The API key (<c>DASHSCOPE_API_KEY</c>; configuration <c>DashScope:ApiKey</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Credentials from <c>DASHSCOPE_API_KEY</c>.</summary>
    public static DashScopeCredentials FromEnvironment()
    {
        var credentials = new DashScopeCredentials();
        DashScopeEnvironment.Apply(credentials, Environment.GetEnvironmentVariable);
        return credentials;
    }

    /// <summary>Whether a key is set, never the key.</summary>
    public override string ToString() => $"ApiKey={(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}";
}
