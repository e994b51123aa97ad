namespace Qianfan.Sdk.Emulator;

/// <summary>
/// One HTTP request as the emulator received it, with secrets masked as <c>***</c> (the <c>access_token</c> and
/// <c>client_secret</c> values and the <c>Authorization</c> header), so a test can assert exactly what was sent.
/// </summary>
public sealed class RecordedRequest
{
    internal RecordedRequest(
        long sequence,
        DateTimeOffset receivedAt,
        string method,
        string path,
        string queryString,
        IReadOnlyDictionary<string, string> query,
        IReadOnlyDictionary<string, string> headers,
        string body,
        string? endpoint)
    {
        Sequence = sequence;
        ReceivedAt = receivedAt;
        Method = method;
        Path = path;
        QueryString = queryString;
        Query = query;
        Headers = headers;
        Body = body;
        Endpoint = endpoint;
    }

    /// <summary>The arrival position since the emulator started (1, 2, …); unaffected by clearing.</summary>
    public long Sequence { get; }

    /// <summary>When the request's body had been read, by the emulator's clock.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The HTTP method, e.g. <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>The request path without the query, e.g. <c>/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/ernie-lite-8k</c>.</summary>
    public string Path { get; }

    /// <summary>The masked query string with its leading <c>?</c>, or empty, e.g. <c>?access_token=***</c>.</summary>
    public string QueryString { get; }

    /// <summary>The decoded query parameters (masked), by name; the last value wins when a name repeats.</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>The request headers by case-insensitive name, repeated values joined with <c>", "</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body as UTF-8 text (a form body masked like the query), or empty.</summary>
    public string Body { get; }

    /// <summary>For a V1 chat call, the endpoint suffix it was posted to (known or not); otherwise <see langword="null"/>.</summary>
    public string? Endpoint { get; }

    /// <summary>Whether this was a call to the V1 chat API (<see cref="Endpoint"/> is set); see <see cref="IsV2Chat"/> for V2.</summary>
    public bool IsChat => Endpoint is not null;

    /// <summary>Whether this was a call to the OAuth token endpoint.</summary>
    public bool IsTokenRequest => Path.Equals("/oauth/2.0/token", StringComparison.Ordinal);

    /// <summary>Whether this was a call to the V2 chat API, <c>/v2/chat/completions</c> (its <see cref="Endpoint"/> is null).</summary>
    public bool IsV2Chat => Path.Equals(V2.V2Paths.ChatCompletions, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this was a call to IAM's bearer-token endpoint, <c>/v1/BCE-BEARER/token</c>.</summary>
    public bool IsBearerTokenRequest => Path.Equals(V2.V2Paths.BearerToken, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string ToString() => $"#{Sequence} {Method} {Path}{QueryString}";
}
