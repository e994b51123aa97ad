using System.Buffers;
using System.IO.Compression;

namespace Qianfan.Sdk.Core.Reading;

/// <summary>
/// Reads a whole answer body off the connection into a pooled buffer, so a sync call pays for no copy of its own.
/// A body that breaks off, or whose compression is corrupt, is a network failure of that attempt: an
/// <see cref="HttpRequestException"/>, which the pipeline repeats.
/// </summary>
internal static class BodyReader
{
    // A body of unknown length starts in a buffer this large and doubles; one of known length gets its size up to the limit.
    private const int InitialBuffer = 16 * 1024;
    private const int InitialBufferLimit = 16 * 1024 * 1024;

    /// <summary>Reads the body, hands its bytes to <paramref name="use"/> and returns its result; the buffer goes back to the pool.</summary>
    public static async ValueTask<TResult> ReadAsync<TState, TResult>(
        HttpResponseMessage response,
        TState state,
        Func<ReadOnlySpan<byte>, TState, TResult> use,
        CancellationToken cancellationToken)
    {
        var headers = response.Content.Headers;
        var raw = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        long? expected = ContentDecoding.IsEncoded(headers) ? null : raw.CanSeek ? raw.Length - raw.Position : headers.ContentLength;
        var content = ContentDecoding.Decode(headers, raw);

        // One byte more than the declared length: a buffer the body fills exactly would be grown before the loop stops.
        var buffer = ArrayPool<byte>.Shared.Rent(expected is { } size and >= 0 and < InitialBufferLimit ? (int)size + 1 : InitialBuffer);
        var length = 0;
        try
        {
            try
            {
                // A body of declared length is whole once that many bytes are in: no read is spent finding its end.
                int read;
                while (length != expected && (read = await content.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
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
            catch (Exception ex) when (IsBrokenBody(ex, content) && !cancellationToken.IsCancellationRequested)
            {
                throw BrokenOff(ex, length);
            }

            return use(buffer.AsSpan(0, length), state);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (content != raw)
            {
                // A decoder holds native state and pooled buffers; the response's disposal reaches only the raw body.
                await content.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="exception"/>, thrown while reading <paramref name="content"/>, is a body that could not
    /// be read to its end: the connection broke (<see cref="IOException"/>) or its <c>Content-Encoding</c> does not
    /// decode (<see cref="InvalidDataException"/> from gzip or deflate, <see cref="InvalidOperationException"/> from
    /// Brotli). Brotli's is told by the stream it came from, a <see cref="BrotliStream"/> (what SocketsHttpHandler's
    /// decompression hands out), and otherwise by the exception's <see cref="Exception.Source"/> — which Native AOT
    /// does not fill in, so the type test is the one that must hold there.
    /// </summary>
    public static bool IsBrokenBody(Exception exception, Stream? content) =>
        exception is IOException or InvalidDataException
        || (exception is InvalidOperationException && (content is BrotliStream || exception.Source is "System.IO.Compression.Brotli" or "System.IO.Compression"));

    /// <summary>What HttpClient reports when it buffers a body that breaks off, whichever way the SDK sent.</summary>
    public static HttpRequestException BrokenOff(Exception exception, int bytesRead) => exception switch
    {
        HttpIOException http => new HttpRequestException(http.HttpRequestError, $"The answer broke off after {bytesRead} bytes.", exception),
        InvalidDataException or InvalidOperationException => new HttpRequestException(HttpRequestError.InvalidResponse, $"The answer's compressed body does not decode (after {bytesRead} bytes).", exception),
        _ => new HttpRequestException(HttpRequestError.ResponseEnded, $"The answer broke off after {bytesRead} bytes.", exception),
    };
}
