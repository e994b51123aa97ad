using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Http;

/// <summary>How a request proves who sends it: a V1 access token, a <c>bce-auth-v1</c> signature or a V2 bearer token.</summary>
internal interface IRequestAuthorizer
{
    /// <summary>Points <paramref name="request"/> at <paramref name="url"/> with credentials; returns the token used, if any.</summary>
    ValueTask<string?> AuthorizeAsync(HttpRequestMessage request, string url, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="error"/> says the token was rejected, so a fresh one may succeed.</summary>
    bool IsRejected(QianfanException error);

    /// <summary>Forgets a rejected token.</summary>
    void Reject(string token);
}
