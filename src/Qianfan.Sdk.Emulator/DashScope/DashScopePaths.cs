namespace Qianfan.Sdk.Emulator.DashScope;

/// <summary>
/// The DashScope routes, under the native API's base <c>/api/v1</c> (as on <c>https://dashscope.aliyuncs.com/api/v1</c>),
/// and where task results (images) are fetched.
/// </summary>
internal static class DashScopePaths
{
    /// <summary>The native API's base path; a client's base URL is the emulator's address plus this.</summary>
    public const string Base = "/api/v1";

    public const string Generation = Base + "/services/aigc/text-generation/generation";

    public const string ImageSynthesis = Base + "/services/aigc/text2image/image-synthesis";

    public const string Task = Base + "/tasks/{task_id}";

    public const string TaskCancel = Base + "/tasks/{task_id}/cancel";

    /// <summary>Where a task's image URLs point: the emulator draws the PNG itself (GET, no key needed, like the object store).</summary>
    public const string ResultFilesPrefix = "/dashscope-results/";

    public const string ResultFile = ResultFilesPrefix + "{name}";
}
