namespace Qianfan.Sdk.Authentication;

/// <summary>What a token exchange needs besides its keys: where, how long it may take, and when to renew its token.</summary>
/// <param name="BaseUrl">The host of the token endpoint.</param>
/// <param name="Timeout">How long one exchange may take.</param>
/// <param name="RefreshMargin">How long before its expiry a cached token is renewed.</param>
internal sealed record TokenExchangeSettings(Uri BaseUrl, TimeSpan Timeout, TimeSpan RefreshMargin);
