using System.Collections.Concurrent;
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

    private readonly ConcurrentDictionary<(string Family, string Endpoint), string> _v1Urls = new();

    public ApiPipeline Pipeline { get; } = pipeline;

    /// <summary>The host, without a trailing slash.</summary>
    public string BaseUrl { get; } = baseUrl.AbsoluteUri.TrimEnd('/');

    /// <summary>The URL of a V1 family's endpoint, e.g. <c>embeddings/bge_large_zh</c>; built once per endpoint.</summary>
    public string V1Url(string family, string endpoint) =>
        _v1Urls.GetOrAdd((family, endpoint), static (key, root) => string.Concat(root, V1Root, key.Family, "/", key.Endpoint), BaseUrl);

    /// <summary>The URL of a V2 path, e.g. <c>/v2/embeddings</c>.</summary>
    public string V2Url(string path) => BaseUrl + path;

    /// <summary>The logger of an area (category <c>Qianfan.Sdk.{area}</c>).</summary>
    public ILogger CreateLogger(string area) => loggers.CreateLogger("Qianfan.Sdk." + area);
}
