namespace Qianfan.Sdk.DashScope;

/// <summary>
/// The <c>DASHSCOPE_*</c> environment variables read into credentials and settings: <c>DASHSCOPE_API_KEY</c> and
/// <c>DASHSCOPE_HTTP_BASE_URL</c> as DashScope's own SDK names them, and <c>DASHSCOPE_REGION</c> and
/// <c>DASHSCOPE_WORKSPACE</c>. A variable that is set overwrites the value; an unset or empty one leaves it. A value
/// that cannot be read is an <see cref="ArgumentException"/> naming the variable (never echoing a secret).
/// </summary>
internal static class DashScopeEnvironment
{
    public const string ApiKeyVariable = "DASHSCOPE_API_KEY";
    public const string BaseUrlVariable = "DASHSCOPE_HTTP_BASE_URL";
    public const string RegionVariable = "DASHSCOPE_REGION";
    public const string WorkspaceVariable = "DASHSCOPE_WORKSPACE";

    public static void Apply(DashScopeCredentials credentials, Func<string, string?> read)
    {
        credentials.ApiKey = Read(read, ApiKeyVariable) ?? credentials.ApiKey;
    }

    public static void Apply(DashScopeOptions options, Func<string, string?> read)
    {
        if (Read(read, BaseUrlVariable) is { } url)
        {
            options.BaseUrl = Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new ArgumentException($"{BaseUrlVariable} must be an absolute http or https URL, was '{url}'.");
        }

        if (Read(read, RegionVariable) is { } region)
        {
            options.Region = ParseRegion(region) ?? throw new ArgumentException($"{RegionVariable} must be china, international or finance, was '{region}'.");
        }

        options.WorkspaceId = Read(read, WorkspaceVariable) ?? options.WorkspaceId;
    }

    /// <summary>A region by name: <c>china</c> (<c>cn</c>, <c>beijing</c>), <c>international</c> (<c>intl</c>, <c>singapore</c>) or <c>finance</c>.</summary>
    public static DashScopeRegion? ParseRegion(string text) => text.Trim().ToUpperInvariant() switch
    {
        "CHINA" or "CN" or "BEIJING" => DashScopeRegion.China,
        "INTERNATIONAL" or "INTL" or "SINGAPORE" => DashScopeRegion.International,
        "FINANCE" => DashScopeRegion.Finance,
        _ => null,
    };

    private static string? Read(Func<string, string?> read, string name) => read(name) is { Length: > 0 } value ? value : null;
}
