namespace Qianfan.Sdk.Core.Authorization;

/// <summary>
/// How a request proves who sends it (a token in the URL, a signature, a bearer token …), and what to do when the
/// service rejects the credential: renew it and repeat once, or give up with a clear error.
/// </summary>
internal interface IRequestAuthorizer
{
    /// <summary>Points <paramref name="request"/> at <paramref name="url"/> with credentials; returns the token used, if any.</summary>
    ValueTask<string?> AuthorizeAsync(HttpRequestMessage request, string url, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="error"/> says the credential was rejected, so a renewed one may succeed.</summary>
    bool IsRejected(Exception error);

    /// <summary>
    /// Forgets the rejected <paramref name="token"/>. Returns null when a renewed credential can be had (the pipeline
    /// then repeats the request once), or the exception to raise instead when it cannot (a fixed token).
    /// </summary>
    Exception? Reject(string token, Exception error);
}
