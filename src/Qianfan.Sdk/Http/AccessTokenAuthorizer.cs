using Qianfan.Sdk.Authentication;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Http;

/// <summary>V1's OAuth way: <c>?access_token=…</c> on the URL; errors 110 and 111 mean the token must be renewed.</summary>
internal sealed class AccessTokenAuthorizer(IAccessTokenProvider tokens) : IRequestAuthorizer
{
    public async ValueTask<string?> AuthorizeAsync(HttpRequestMessage request, string url, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        request.RequestUri = new Uri(string.Concat(url, "?access_token=", Uri.EscapeDataString(token)));
        return token;
    }

    public bool IsRejected(QianfanException error) => QianfanErrorCodes.IsTokenRejected(error.ErrorCode);

    public void Reject(string token) => tokens.Invalidate(token);
}
