using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Qianfan.Sdk.Core.Authorization;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Authentication;

/// <summary>V2's way: <c>Authorization: Bearer …</c>; a 401 means the bearer token must be renewed.</summary>
internal sealed class BearerAuthorizer(IAccessTokenProvider tokens) : IRequestAuthorizer
{
    private readonly ConcurrentDictionary<string, Uri> _uris = new(StringComparer.Ordinal);

    public async ValueTask<string?> AuthorizeAsync(HttpRequestMessage request, string url, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        request.RequestUri = _uris.GetOrAdd(url, static u => new Uri(u));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return token;
    }

    public bool IsRejected(Exception error) => error is QianfanException { StatusCode: HttpStatusCode.Unauthorized };

    public Exception? Reject(string token, Exception error) => TokenRejection.Reject(tokens, token, error);
}
