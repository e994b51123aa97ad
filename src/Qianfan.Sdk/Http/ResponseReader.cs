using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Serialization;

namespace Qianfan.Sdk.Http;

/// <summary>
/// Turns the service's answers into values or <see cref="QianfanException"/>s. V1 reports errors as
/// <c>{"error_code":N,"error_msg":"…"}</c>, usually with HTTP 200, so the body decides, not the status.
/// </summary>
internal static class ResponseReader
{
    private const string RequestIdHeader = "X-Baidu-Request-Id";

    // A body of unknown length starts in a buffer this large and doubles; one of known length gets its size up to the limit.
    private const int InitialBuffer = 16 * 1024;
    private const int InitialBufferLimit = 16 * 1024 * 1024;

    public static string? GetRequestId(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues(RequestIdHeader, out var values) ? values.ToString() : null;

    /// <summary>
    /// Reads a whole JSON answer into <typeparamref name="T"/>, first handing the body to <paramref name="check"/>, which
    /// throws the service's error if it sent one. The body (buffered by HttpClient, or still on the connection when
    /// the SDK sends through its own handler) is read into a pooled buffer rather than a new array.
    /// </summary>
    public static async ValueTask<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, BodyCheck check, CancellationToken cancellationToken)
        where T : class
    {
        var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        long? expected = content.CanSeek ? content.Length - content.Position : response.Content.Headers.ContentLength;

        // One byte more than the declared length, so the read that finds the end needs no larger buffer.
        var buffer = ArrayPool<byte>.Shared.Rent(expected is { } size and >= 0 and < InitialBufferLimit ? (int)size + 1 : InitialBuffer);
        var length = 0;
        try
        {
            try
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }
            }
            catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // What HttpClient reports when it buffers a body that breaks off, whichever way the SDK sent.
                throw new HttpRequestException(
                    ex is HttpIOException http ? http.HttpRequestError : HttpRequestError.ResponseEnded,
                    $"The answer broke off after {length} bytes.",
                    ex);
            }

            return Parse(buffer.AsSpan(0, length), response, typeInfo, check);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static T Parse<T>(ReadOnlySpan<byte> body, HttpResponseMessage response, JsonTypeInfo<T> typeInfo, BodyCheck check)
        where T : class
    {
        check(body, response);
        if (!response.IsSuccessStatusCode)
        {
            throw Fail(response, GetRequestId(response), null, $"the service answered HTTP {(int)response.StatusCode} without an error code");
        }

        try
        {
            return JsonSerializer.Deserialize(body, typeInfo)
                ?? throw Fail(response, GetRequestId(response), null, "the service answered an empty JSON body");
        }
        catch (JsonException ex)
        {
            throw Fail(response, GetRequestId(response), null, "the service's answer is not valid JSON", ex);
        }
    }

    /// <summary>
    /// Throws when <paramref name="body"/> is not JSON (an HTML error page from a proxy) or is V1's error envelope.
    /// </summary>
    public static void ThrowIfError(ReadOnlySpan<byte> body, HttpResponseMessage response)
    {
        var trimmed = body.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty || trimmed[0] != (byte)'{')
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            throw Fail(response, GetRequestId(response), null, $"the service answered HTTP {(int)response.StatusCode} with a {mediaType} body that is not JSON ({body.Length} bytes)");
        }

        if (TryReadError(trimmed) is { } error)
        {
            throw Fail(response, GetRequestId(response), error.ErrorCode, error.ErrorMessage ?? "(no message)");
        }
    }

    /// <summary>The error envelope in <paramref name="json"/>, or null when it is a normal answer.</summary>
    public static ErrorEnvelope? TryReadError(ReadOnlySpan<byte> json)
    {
        // A cheap scan first: most answers never mention the key.
        if (json.IndexOf("\"error_code\""u8) < 0)
        {
            return null;
        }

        // The text may still name the key inside a string (a reply quoting an error body): only a real key counts.
        try
        {
            return JsonSerializer.Deserialize(json, QianfanJsonContext.Default.ErrorEnvelope) is { ErrorCode: not null } error ? error : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool IsEventStream(HttpResponseMessage response) =>
        string.Equals(response.Content.Headers.ContentType?.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase);

    public static QianfanException NotAnEventStream(HttpResponseMessage response, string? requestId) =>
        Fail(
            response,
            requestId,
            null,
            $"expected an event stream, but the service answered HTTP {(int)response.StatusCode} with {response.Content.Headers.ContentType?.MediaType ?? "no content type"}");

    /// <summary>An exception for a failed answer, carrying the status, request id and any <c>Retry-After</c>.</summary>
    public static QianfanException Fail(HttpResponseMessage response, string? requestId, int? errorCode, string message, Exception? innerException = null, string? errorName = null) =>
        new(errorCode, message, requestId, response.StatusCode, innerException) { RetryAfter = RetryAfter(response), ErrorName = errorName };

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
