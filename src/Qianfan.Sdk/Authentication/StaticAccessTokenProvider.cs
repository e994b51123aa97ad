namespace Qianfan.Sdk.Authentication;

/// <summary>A ready token from the settings (an access token or a V2 API key); it cannot be renewed, so a rejection fails the call.</summary>
/// <param name="token">The token.</param>
/// <param name="source">The setting it came from, for the error when the service rejects it, e.g. <c>AccessToken (QIANFAN_ACCESS_TOKEN)</c>.</param>
/// <param name="renewWith">The settings that would let the SDK obtain tokens itself.</param>
internal sealed class StaticAccessTokenProvider(string token, string source, string renewWith) : IAccessTokenProvider
{
    private readonly ValueTask<string> _token = new(token);

    public string Source { get; } = source;

    public string RenewWith { get; } = renewWith;

    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => _token;

    public void Invalidate(string accessToken)
    {
    }
}
