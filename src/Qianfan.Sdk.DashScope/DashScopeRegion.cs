namespace Qianfan.Sdk.DashScope;

/// <summary>
/// Where a DashScope account lives. Keys are bound to their region: a China key fails on the international host with
/// <c>InvalidApiKey</c>, and the other way round. Each client has its own region; none is process-wide.
/// </summary>
public enum DashScopeRegion
{
    /// <summary>Mainland China (Beijing): <c>https://dashscope.aliyuncs.com/api/v1</c>.</summary>
    China,

    /// <summary>International (Singapore): <c>https://dashscope-intl.aliyuncs.com/api/v1</c>.</summary>
    International,

    /// <summary>The finance cloud: <c>https://dashscope-finance.aliyuncs.com/api/v1</c>.</summary>
    Finance,
}
