namespace Qianfan.Sdk.Core.Pipeline;

/// <summary>
/// The primary handler every platform's client sends with when it owns its HTTP stack, and the one its
/// <c>IHttpClientFactory</c> registration is given: a long-lived client must renew its connections itself (DNS
/// changes, no stale keep-alive connections). It does not decompress: the pipeline asks for compressed answers and
/// decodes them itself (<see cref="Reading.ContentDecoding"/>), for less than the handler's decompression costs.
/// </summary>
internal static class SdkHttpHandler
{
    public static SocketsHttpHandler Create() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    };
}
