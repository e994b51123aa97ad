using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core.Pipeline;

namespace Qianfan.Sdk.Protocol;

/// <summary>
/// One of Qianfan's APIs as the area clients use it: its pipeline (credentials, retries, limits, timeouts) and its
/// base URL. The client makes one for V1 (<c>wenxinworkshop</c>) and one for V2; every area client of an API shares it.
/// </summary>
internal sealed class QianfanApi(ApiPipeline pipeline, Uri baseUrl, ILoggerFactory loggers)
{
    /// <summary>The V1 path every <c>wenxinworkshop</c> family hangs under.</summary>
    public const string V1Root = "/rpc/2.0/ai_custom/v1/wenxinworkshop/";

    public ApiPipeline Pipeline { get; } = pipeline;

    /// <summary>The host, without a trailing slash.</summary>
    public string BaseUrl { get; } = baseUrl.AbsoluteUri.TrimEnd('/');

    /// <summary>The logger of an area (category <c>Qianfan.Sdk.{area}</c>).</summary>
    public ILogger CreateLogger(string area) => loggers.CreateLogger("Qianfan.Sdk." + area);
}
