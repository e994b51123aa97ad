using System.Text;
using System.Text.Json;

namespace Qianfan.Sdk.Zhipu.Tests.TestSupport;

/// <summary>What the fake service received: captured while the request was alive (the SDK disposes it afterwards).</summary>
internal sealed class RecordedRequest
{
    private RecordedRequest(HttpMethod method, Uri uri, byte[] bodyBytes, string? contentType, IReadOnlyDictionary<string, string> headers)
    {
        Method = method;
        Uri = uri;
        BodyBytes = bodyBytes;
        ContentType = contentType;
        Headers = headers;
    }

    public HttpMethod Method { get; }

    public Uri Uri { get; }

    /// <summary>The body exactly as sent, so a test can check it byte by byte.</summary>
    public byte[] BodyBytes { get; }

    public string Body => Encoding.UTF8.GetString(BodyBytes);

    public string? ContentType { get; }

    /// <summary>The request headers (content headers excepted), several values joined by <c>, </c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public string Path => Uri.AbsolutePath;

    /// <summary>The body parsed as JSON (a clone, safe to keep).</summary>
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(BodyBytes);
            return document.RootElement.Clone();
        }
    }

    /// <summary>The names of the body's top-level JSON properties, sorted.</summary>
    public IReadOnlyList<string> JsonKeys => [.. Json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>The bearer credential of the <c>Authorization</c> header, or null.</summary>
    public string? Bearer => Headers.GetValueOrDefault("Authorization") is { } value && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..] : null;

    public static async Task<RecordedRequest> CaptureAsync(HttpRequestMessage request)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync();
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new RecordedRequest(request.Method, request.RequestUri!, body, request.Content?.Headers.ContentType?.MediaType, headers);
    }
}
