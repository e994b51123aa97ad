using System.Net.Http.Headers;

namespace Qianfan.Sdk.Core;

/// <summary>
/// Everything the shared pipeline needs to know about one API (Qianfan V1, Qianfan V2, Zhipu …): how it names its
/// request id, how its error bodies look, which of its failures are worth repeating, and the exceptions it raises.
/// The pipeline itself knows no platform.
/// </summary>
internal abstract class ApiProfile
{
    /// <summary>The provider name telemetry reports (<c>gen_ai.provider.name</c>).</summary>
    public abstract string ProviderName { get; }

    /// <summary>The response header that carries the service's request id.</summary>
    public abstract string RequestIdHeader { get; }

    /// <summary>
    /// The platform's exception for an error envelope in <paramref name="body"/>, whatever its shape; null when the
    /// body is not an error. Called on every body and on every stream event that the event parser marked as an error.
    /// </summary>
    public abstract Exception? DecodeError(ReadOnlySpan<byte> body, ServiceResponse response);

    /// <summary>The platform's exception for an answer the SDK cannot use (not JSON, an unexpected status …).</summary>
    public abstract Exception Malformed(ServiceResponse response, string message, Exception? innerException = null);

    /// <summary>The platform's exception for a stream that ended before its end marker.</summary>
    public abstract Exception StreamEnded(int chunksReceived, ServiceResponse response, Exception? innerException = null);

    /// <summary>Whether repeating may succeed, for the platform's own exceptions; other types are judged by the pipeline.</summary>
    public abstract bool IsRetryable(Exception exception);

    /// <summary>How long the service asked to wait before the next attempt, where the exception says.</summary>
    public abstract TimeSpan? RetryAfter(Exception exception);

    /// <summary>The error code for logs and the <c>error.type</c> tag (e.g. <c>336003</c>, <c>invalid_model</c>); null when the exception carries none.</summary>
    public abstract string? ErrorCode(Exception exception);

    /// <summary>The message of the platform's exception, without the code; other exceptions' type names are used instead.</summary>
    public abstract string? ErrorMessage(Exception exception);

    /// <summary>How the API's event streams separate their events; standard server-sent events unless it says otherwise.</summary>
    public virtual StreamFraming StreamFraming => StreamFraming.ServerSentEvents;

    /// <summary>
    /// The account's quota an answer reports in its headers, for the client-side limits to learn from; null (the default)
    /// when the API reports none. Called on every answer of a client that has limits.
    /// </summary>
    public virtual QuotaReport? ReadQuota(HttpResponseHeaders headers) => null;

    /// <summary>
    /// How long every instance should hold new requests after <paramref name="exception"/>, when it says a rate limit
    /// was reached (a QPS, RPM or TPM error, an HTTP 429); null (the default) for any other failure.
    /// </summary>
    public virtual TimeSpan? RateLimitPause(Exception exception) => null;

    /// <summary>Adds what the API needs on every request of this call (e.g. a streaming header); nothing by default.</summary>
    public virtual void Prepare(HttpRequestMessage request, in ApiCall call)
    {
    }
}
