namespace Qianfan.Sdk.Authentication;

/// <summary>
/// Supplies the <c>access_token</c> that V1 calls carry. The SDK's default exchanges the API Key and Secret Key and
/// caches the result; implement this to supply tokens another way (a shared cache, a token service, a fixed token).
/// </summary>
public interface IAccessTokenProvider
{
    /// <summary>Returns a token believed valid. Called on every request, so the cached path should be cheap.</summary>
    ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called when the service rejected <paramref name="accessToken"/> as invalid or expired (error 110 or 111), just
    /// before the SDK asks for a token again and repeats the call once. Forget that token, but not a newer one.
    /// </summary>
    void Invalidate(string accessToken);
}
