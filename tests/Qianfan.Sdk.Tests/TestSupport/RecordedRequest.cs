using System.Text;
using System.Text.Json;
using System.Web;

namespace Qianfan.Sdk.Tests.TestSupport;

/// <summary>What a fake service received: captured while the request was alive (the SDK disposes it afterwards).</summary>
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

    /// <summary>The body exactly as sent, so a test can check its encoding byte by byte.</summary>
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

    /// <summary>The <c>Authorization</c> header, or null.</summary>
    public string? Authorization => Headers.GetValueOrDefault("Authorization");

    /// <summary>The credential of a <c>Bearer</c> <c>Authorization</c> header, or null.</summary>
    public string? Bearer => Authorization is { } value && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..] : null;

    /// <summary>A query-string parameter, unescaped; null when absent.</summary>
    public string? Query(string name) => HttpUtility.ParseQueryString(Uri.Query)[name];

    public string AccessToken => Query("access_token") ?? throw new InvalidOperationException($"no access_token on {Path}");

    public static async Task<RecordedRequest> CaptureAsync(HttpRequestMessage request)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync();
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new RecordedRequest(request.Method, request.RequestUri!, body, request.Content?.Headers.ContentType?.MediaType, headers);
    }
}
