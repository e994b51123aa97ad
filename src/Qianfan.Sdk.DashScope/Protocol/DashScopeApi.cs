using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core.Pipeline;

namespace Qianfan.Sdk.DashScope.Protocol;

/// <summary>
/// DashScope's native API as the area clients use it: one client's pipeline (credentials, retries, limits, timeouts)
/// and its base URL (e.g. <c>https://dashscope.aliyuncs.com/api/v1</c>), shared by every area client of that client.
/// </summary>
internal sealed class DashScopeApi(ApiPipeline pipeline, Uri baseUrl, ILoggerFactory loggers, TimeProvider time)
{
    public ApiPipeline Pipeline { get; } = pipeline;

    /// <summary>The base URL, without a trailing slash.</summary>
    public string BaseUrl { get; } = baseUrl.AbsoluteUri.TrimEnd('/');

    /// <summary>The clock task polling waits on.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>The URL of a path under the base, e.g. <c>/services/aigc/text-generation/generation</c>.</summary>
    public string Url(string path) => BaseUrl + path;

    /// <summary>The logger of an area (category <c>Qianfan.Sdk.DashScope.{area}</c>).</summary>
    public ILogger CreateLogger(string area) => loggers.CreateLogger("Qianfan.Sdk.DashScope." + area);
}
