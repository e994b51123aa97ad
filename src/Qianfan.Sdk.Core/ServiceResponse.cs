using System.Net;
using System.Net.Http.Headers;

namespace Qianfan.Sdk.Core;

/// <summary>
/// The HTTP answer behind a result: its status, its headers and the service's request id. Every result carries one
/// (a stream's chunks share theirs), so headers and fields the SDK does not model yet are still in reach.
/// </summary>
public sealed class ServiceResponse
{
    /// <summary>Describes an answer; results made by the SDK get theirs from the HTTP response.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="headers">The response headers; null is an empty set.</param>
    /// <param name="requestId">The service's request id: its request-id header, else the body's <c>id</c>.</param>
    public ServiceResponse(HttpStatusCode statusCode, HttpResponseHeaders? headers = null, string? requestId = null)
    {
        StatusCode = statusCode;
        Headers = headers ?? EmptyHeaders();
        RequestId = requestId;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The answer's headers, as received (content headers excepted).</summary>
    public HttpResponseHeaders Headers { get; }

    /// <summary>The service's request id, from its request-id header or else the body's <c>id</c>; for support tickets.</summary>
    public string? RequestId { get; }

    /// <summary>A header's value (several values joined by <c>, </c>), or null when absent.</summary>
    public string? GetHeader(string name) =>
        Headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;

    /// <inheritdoc />
    public override string ToString() => $"HTTP {(int)StatusCode}{(RequestId is null ? "" : $" [request id {RequestId}]")}";

    private static HttpResponseHeaders EmptyHeaders()
    {
        using var message = new HttpResponseMessage();
        return message.Headers;
    }
}
