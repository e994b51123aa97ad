namespace Qianfan.Sdk.Authentication;

/// <summary>A ready token from the options (<c>QIANFAN_ACCESS_TOKEN</c>); it cannot be renewed, so a rejection surfaces.</summary>
internal sealed class StaticAccessTokenProvider(string accessToken) : IAccessTokenProvider
{
    private readonly ValueTask<string> _token = new(accessToken);

    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => _token;

    public void Invalidate(string accessToken)
    {
    }
}
