using System.Net.Http.Headers;

namespace Qianfan.Sdk.Core.Pipeline;

/// <summary>How long an answer's <c>Retry-After</c> asks to wait, read the same way for every platform.</summary>
internal static class RetryAfterHeader
{
    /// <summary>
    /// The header's delay, or its date less the answer's own <c>Date</c> (both the server's clock, so the client's
    /// clock skew does not count; the current time when the answer has no <c>Date</c>). A delay of zero or a date
    /// already past asks for nothing: null, so the usual backoff and the profile's pause apply rather than none at all.
    /// </summary>
    public static TimeSpan? Of(HttpResponseHeaders headers) => headers.RetryAfter switch
    {
        { Delta: { } delta } when delta > TimeSpan.Zero => delta,
        { Date: { } date } when date - (headers.Date ?? DateTimeOffset.UtcNow) is var wait && wait > TimeSpan.Zero => wait,
        _ => null,
    };
}
