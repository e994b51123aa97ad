using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core.Pipeline;

namespace Qianfan.Sdk.Zhipu.Protocol;

/// <summary>
/// Zhipu's API v4 as the area clients use it: its pipeline (credentials, retries, limits, timeouts) and its base URL
/// (<c>https://open.bigmodel.cn/api/paas/v4</c>, the region's or the one configured). One per client, shared by every area.
/// </summary>
internal sealed class ZhipuApi(ApiPipeline pipeline, Uri baseUrl, ILoggerFactory loggers, TimeProvider time)
{
    public ApiPipeline Pipeline { get; } = pipeline;

    /// <summary>The base URL, without a trailing slash, e.g. <c>https://open.bigmodel.cn/api/paas/v4</c>.</summary>
    public string BaseUrl { get; } = baseUrl.AbsoluteUri.TrimEnd('/');

    /// <summary>The client's clock, for polling tasks.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>The URL of a path under the base, e.g. <c>/chat/completions</c>.</summary>
    public string Url(string path) => BaseUrl + path;

    /// <summary>The logger of an area (category <c>Qianfan.Sdk.Zhipu.{area}</c>).</summary>
    public ILogger CreateLogger(string area) => loggers.CreateLogger("Qianfan.Sdk.Zhipu." + area);
}
