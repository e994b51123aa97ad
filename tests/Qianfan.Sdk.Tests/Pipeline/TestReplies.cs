using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>Builds the test API's answers, in a line each.</summary>
internal static class TestReplies
{
    /// <summary>The end marker of a test stream.</summary>
    public const string End = "data: [END]\n\n";

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK, params (string Name, string Value)[] headers) =>
        WithHeaders(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") }, headers);

    public static HttpResponseMessage Result(string text = "ok", string id = "r-1", int total = 3, params (string Name, string Value)[] headers) =>
        Json($$$"""{"id":"{{{id}}}","text":{{{JsonSerializer.Serialize(text)}}},"usage":{"input":1,"output":{{{total - 1}}},"total":{{{total}}}}}""", HttpStatusCode.OK, headers);

    public static string ErrorJson(string code, string message = "it failed", bool retryable = false) =>
        $$"""{"error":"{{code}}","message":{{JsonSerializer.Serialize(message)}},"retryable":{{(retryable ? "true" : "false")}}}""";

    public static HttpResponseMessage Error(string code, string message = "it failed", bool retryable = false, HttpStatusCode status = HttpStatusCode.OK, params (string Name, string Value)[] headers) =>
        Json(ErrorJson(code, message, retryable), status, headers);

    /// <summary>An error the service asks to repeat after <paramref name="retryAfter"/>.</summary>
    public static HttpResponseMessage Busy(TimeSpan retryAfter)
    {
        var response = Error("busy", "try again later", retryable: true, HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(retryAfter);
        return response;
    }

    public static HttpResponseMessage Text(string text, string mediaType, HttpStatusCode status) =>
        new(status) { Content = new StringContent(text, Encoding.UTF8, mediaType) };

    /// <summary>One <c>data:</c> event (with its blank line) carrying a chunk.</summary>
    public static string Event(string text, bool last = false, string id = "s-1", int total = 0)
    {
        var usage = total > 0 ? $$""","usage":{"input":1,"output":{{total - 1}},"total":{{total}}}""" : "";
        return $$"""data: {"id":"{{id}}","text":{{JsonSerializer.Serialize(text)}},"last":{{(last ? "true" : "false")}}{{usage}}}""" + "\n\n";
    }

    public static HttpResponseMessage EventStream(string body, params (string Name, string Value)[] headers) =>
        EventStream(new MemoryStream(Encoding.UTF8.GetBytes(body)), headers);

    public static HttpResponseMessage EventStream(Stream body, params (string Name, string Value)[] headers)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream") { CharSet = "utf-8" };
        return WithHeaders(new HttpResponseMessage(HttpStatusCode.OK) { Content = content }, headers);
    }

    /// <summary>
    /// A body that <c>Content-Encoding: gzip</c> would not decode: a gzip header, then bytes that are no deflate
    /// stream. The SDK's own decoding reads it through a real <see cref="GZipStream"/>.
    /// </summary>
    public static Stream CorruptGzip() =>
        new MemoryStream([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xff, 0xff, 0xff, 0xff, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66]);

    /// <summary>
    /// A body that <c>Content-Encoding: br</c> would not decode; a real <see cref="BrotliStream"/> reports it as an
    /// <see cref="InvalidOperationException"/> rather than gzip's <see cref="InvalidDataException"/>.
    /// </summary>
    public static Stream CorruptBrotli()
    {
        var corrupt = new byte[64];
        new Random(3).NextBytes(corrupt);
        return new MemoryStream(corrupt);
    }

    /// <summary><paramref name="json"/> compressed with <paramref name="coding"/> (<c>gzip</c>, <c>deflate</c> or <c>br</c>), with its <c>Content-Encoding</c>.</summary>
    public static HttpResponseMessage Compressed(string json, string coding)
    {
        var content = new ByteArrayContent(Compress(Encoding.UTF8.GetBytes(json), coding));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add(coding);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary><paramref name="data"/> compressed with <paramref name="coding"/> (<c>gzip</c>, <c>deflate</c> or <c>br</c>).</summary>
    public static byte[] Compress(byte[] data, string coding)
    {
        var packed = new MemoryStream();
        using (Stream compressor = coding switch
        {
            "gzip" => new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(packed, CompressionLevel.Fastest, leaveOpen: true),
            _ => new BrotliStream(packed, CompressionLevel.Fastest, leaveOpen: true),
        })
        {
            compressor.Write(data);
        }

        return packed.ToArray();
    }

    private static HttpResponseMessage WithHeaders(HttpResponseMessage response, (string Name, string Value)[] headers)
    {
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
