using System.Collections.Concurrent;
using Qianfan.Sdk.Core.Authorization;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Authentication;

/// <summary>V1's OAuth way: <c>?access_token=…</c> on the URL; errors 110 and 111 mean the token must be renewed.</summary>
internal sealed class AccessTokenAuthorizer(IAccessTokenProvider tokens) : IRequestAuthorizer
{
    // The token changes rarely, so each endpoint's URL with it is built once per token rather than once per call.
    private readonly ConcurrentDictionary<string, TokenUri> _uris = new(StringComparer.Ordinal);

    public async ValueTask<string?> AuthorizeAsync(HttpRequestMessage request, string url, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        if (!_uris.TryGetValue(url, out var cached) || cached.Token != token)
        {
            cached = new TokenUri(token, new Uri(string.Concat(url, url.Contains('?', StringComparison.Ordinal) ? "&access_token=" : "?access_token=", Uri.EscapeDataString(token))));
            _uris[url] = cached;
        }

        request.RequestUri = cached.Uri;
        return token;
    }

    public bool IsRejected(Exception error) => error is QianfanException q && QianfanErrorCodes.IsTokenRejected(q.ErrorCode);

    public Exception? Reject(string token, Exception error) => TokenRejection.Reject(tokens, token, error);

    /// <summary>A URL carrying a token; not a record, whose ToString would print the token.</summary>
    private sealed class TokenUri(string token, Uri uri)
    {
        public string Token { get; } = token;

        public Uri Uri { get; } = uri;
    }
}
