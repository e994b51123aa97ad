namespace Qianfan.Sdk.Authentication;

/// <summary>
/// A ready token first, and the SDK's own exchange once the service rejects it: when both a fixed token and keys to
/// exchange are configured, a stale fixed token costs one repeated request, not a failed call.
/// </summary>
internal sealed class FallbackTokenProvider(string fixedToken, IAccessTokenProvider exchange) : IAccessTokenProvider
{
    private volatile bool _fixedRejected;

    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) =>
        _fixedRejected ? exchange.GetAccessTokenAsync(cancellationToken) : new ValueTask<string>(fixedToken);

    public void Invalidate(string accessToken)
    {
        if (accessToken == fixedToken)
        {
            _fixedRejected = true;
        }
        else
        {
            exchange.Invalidate(accessToken);
        }
    }
}
