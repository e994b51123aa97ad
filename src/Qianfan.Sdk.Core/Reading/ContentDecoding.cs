using System.IO.Compression;
using System.Net.Http.Headers;

namespace Qianfan.Sdk.Core.Reading;

/// <summary>
/// Asks for compressed answers and undoes their <c>Content-Encoding</c>. The SDK's own handler does not decompress:
/// SocketsHttpHandler's decompression parses and re-adds <c>Accept-Encoding</c> on every request, which cost sync chat
/// about a tenth of its throughput at 64 callers; one preformatted header and a decoder over the body cost nothing
/// when the answer is not compressed. A handler that decompresses (an application's <c>HttpClient</c>) removes the
/// header it decoded, so nothing is decoded twice.
/// </summary>
internal static class ContentDecoding
{
    private const string ContentEncoding = "Content-Encoding";

    /// <summary>Adds the codings the SDK reads to <paramref name="request"/>, stored unparsed.</summary>
    public static void AcceptCompression(HttpRequestMessage request) =>
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");

    /// <summary>
    /// <paramref name="body"/> as it was before the codings <paramref name="headers"/> name, the last applied first.
    /// A coding the SDK did not ask for is a broken answer: an <see cref="HttpRequestException"/>, as the handler's own
    /// decompression failing would be.
    /// </summary>
    public static Stream Decode(HttpContentHeaders headers, Stream body)
    {
        if (!headers.NonValidated.TryGetValues(ContentEncoding, out var values))
        {
            return body;
        }

        var codings = new List<string>();
        foreach (var value in values)
        {
            codings.AddRange(value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }

        for (var i = codings.Count - 1; i >= 0; i--)
        {
            body = codings[i].ToLowerInvariant() switch
            {
                "gzip" or "x-gzip" => new GZipStream(body, CompressionMode.Decompress),

                // HTTP's "deflate" is the zlib format (RFC 9110, 8.4.1.2).
                "deflate" => new ZLibStream(body, CompressionMode.Decompress),
                "br" => new BrotliStream(body, CompressionMode.Decompress),
                "identity" => body,
                var other => throw new HttpRequestException(HttpRequestError.InvalidResponse, $"The answer's Content-Encoding '{other}' is not one the SDK asked for."),
            };
        }

        return body;
    }

    /// <summary>Whether the body arrives encoded, so its declared length is not the length read.</summary>
    public static bool IsEncoded(HttpContentHeaders headers) => headers.NonValidated.Contains(ContentEncoding);
}
