namespace Qianfan.Sdk.Zhipu;

/// <summary>
/// Which of Zhipu's two platforms a client talks to. Keys belong to one: a key from bigmodel.cn is refused by z.ai
/// and the other way round. Set per client (<see cref="ZhipuOptions.Region"/>), never for the whole process.
/// </summary>
public enum ZhipuRegion
{
    /// <summary>Mainland China, bigmodel.cn: <c>https://open.bigmodel.cn/api/paas/v4</c>.</summary>
    China,

    /// <summary>The international platform, Z.AI: <c>https://api.z.ai/api/paas/v4</c>.</summary>
    International,
}
