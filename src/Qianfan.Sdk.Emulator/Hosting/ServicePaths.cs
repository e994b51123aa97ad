namespace Qianfan.Sdk.Emulator.Hosting;

/// <summary>The V1 paths the emulator serves, as on <c>https://aip.baidubce.com</c>.</summary>
internal static class ServicePaths
{
    public const string Token = "/oauth/2.0/token";

    public const string ChatPrefix = "/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/";

    public const string ChatRoute = ChatPrefix + "{endpoint}";

    /// <summary>The endpoint suffix of a chat path, or null when <paramref name="path"/> is not under the chat API.</summary>
    public static string? ChatEndpointOf(string path) =>
        path.StartsWith(ChatPrefix, StringComparison.Ordinal) ? path[ChatPrefix.Length..] : null;
}
