using System.Text.Json;
using System.Web;

namespace Qianfan.Sdk.Tests.TestSupport;

/// <summary>What the fake service received: captured while the request was alive (the SDK disposes it afterwards).</summary>
internal sealed class RecordedRequest
{
    public RecordedRequest(HttpMethod method, Uri uri, string body, string? contentType)
    {
        Method = method;
        Uri = uri;
        Body = body;
        ContentType = contentType;
    }

    public HttpMethod Method { get; }

    public Uri Uri { get; }

    public string Body { get; }

    public string? ContentType { get; }

    public string Path => Uri.AbsolutePath;

    /// <summary>The body parsed as JSON (a clone, safe to keep).</summary>
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    /// <summary>The names of the body's top-level JSON properties, sorted.</summary>
    public IReadOnlyList<string> JsonKeys => [.. Json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>A query-string parameter, unescaped; null when absent.</summary>
    public string? Query(string name) => HttpUtility.ParseQueryString(Uri.Query)[name];

    public string AccessToken => Query("access_token") ?? throw new InvalidOperationException($"no access_token on {Path}");
}
