namespace Qianfan.Sdk.Zhipu;

/// <summary>
/// The <c>ZHIPUAI_*</c> environment variables the official SDKs read: <c>ZHIPUAI_API_KEY</c> and <c>ZHIPUAI_BASE_URL</c>.
/// A variable that is set overwrites the value; an unset or empty one leaves it. A value that cannot be read is an
/// <see cref="ArgumentException"/> naming the variable.
/// </summary>
internal static class ZhipuEnvironment
{
    public const string ApiKeyVariable = "ZHIPUAI_API_KEY";
    public const string BaseUrlVariable = "ZHIPUAI_BASE_URL";

    public static void Apply(ZhipuCredentials credentials, Func<string, string?> read) =>
        credentials.ApiKey = read(ApiKeyVariable) is { Length: > 0 } key ? key : credentials.ApiKey;

    public static void Apply(ZhipuOptions options, Func<string, string?> read)
    {
        if (read(BaseUrlVariable) is not { Length: > 0 } text)
        {
            return;
        }

        options.BaseUrl = Uri.TryCreate(text, UriKind.Absolute, out var uri)
            ? uri
            : throw new ArgumentException($"{BaseUrlVariable} must be an absolute URL, was '{text}'.");
    }
}
