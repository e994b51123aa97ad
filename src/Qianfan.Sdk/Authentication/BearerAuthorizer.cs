using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Qianfan.Sdk.Core.Authorization;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Authentication;

/// <summary>
/// V2's way: <c>Authorization: Bearer …</c>; a 401 means the bearer token must be renewed, unless its error names
/// something other than the credential (a model, an app id or a parameter the account may not use).
/// </summary>
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

    public bool IsRejected(Exception error) =>
        error is QianfanException { StatusCode: HttpStatusCode.Unauthorized } q && q.ErrorName is not ("invalid_model" or "invalid_appid" or "no_parameter_permission");

    public Exception? Reject(string token, Exception error) => TokenRejection.Reject(tokens, token, error);
}
