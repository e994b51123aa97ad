namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>
/// The Zhipu routes, under API v4's base <c>/api/paas/v4</c> (as on <c>https://open.bigmodel.cn/api/paas/v4</c>), and
/// where CogView's image URLs point.
/// </summary>
internal static class ZhipuPaths
{
    /// <summary>API v4's base path; a client's base URL is the emulator's address plus this.</summary>
    public const string Base = "/api/paas/v4";

    public const string ChatCompletions = Base + "/chat/completions";

    public const string AsyncChatCompletions = Base + "/async/chat/completions";

    public const string AsyncResult = Base + "/async-result/{id}";

    public const string ImageGenerations = Base + "/images/generations";

    /// <summary>Where CogView's URLs point: the emulator draws the PNG itself (GET, no key needed, like the file store).</summary>
    public const string FilesPrefix = "/zhipu-files/";

    public const string File = FilesPrefix + "{name}";
}
