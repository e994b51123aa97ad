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

    /// <summary>
    /// What a client sends with: the application's <paramref name="given"/> client, or an invoker over a new handler
    /// of the SDK's (<paramref name="owned"/>, for the client to dispose). Disposing the handler, not an HttpClient,
    /// lets calls in flight finish (their connections close afterwards) and makes later sends throw
    /// <see cref="ObjectDisposedException"/>.
    /// </summary>
    public static HttpMessageInvoker SenderFor(HttpClient? given, out SocketsHttpHandler? owned)
    {
        if (given is not null)
        {
            owned = null;
            return given;
        }

        owned = Create();
        return new HttpMessageInvoker(owned, disposeHandler: false);
    }
}
