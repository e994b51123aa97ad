namespace Qianfan.Sdk.Core.Authorization;

/// <summary>
/// Tokens shared by every instance of an application (Redis): one token per credential for the whole fleet, obtained
/// by one instance at a time. <see cref="SingleFlightTokenCache"/> consults it instead of exchanging by itself.
/// </summary>
internal interface ISharedTokenStore
{
    /// <summary>
    /// The fleet's token for <paramref name="credential"/>: the stored one while it is not due for renewal and is not
    /// <paramref name="rejected"/>; otherwise one obtained with <paramref name="exchange"/> by one instance at a time
    /// and stored for the others, who wait for it or keep using the current token meanwhile. When the store cannot be
    /// reached it exchanges by itself, so a call never fails because the store is gone; the exchange's own failures
    /// are thrown as they are.
    /// </summary>
    /// <param name="credential">The credential's key: a hash, never the credential itself (<see cref="CredentialKey"/>).</param>
    /// <param name="exchange">Obtains a new token from the service.</param>
    /// <param name="refreshMargin">How long before its expiry a token is renewed (half its lifetime for a short one).</param>
    /// <param name="rejected">The token the service just rejected (110/111, 401), if any: never handed out again.</param>
    /// <param name="cancellationToken">Cancels the wait; the store may still finish an exchange it started.</param>
    Task<IssuedToken> GetAsync(string credential, Func<Task<IssuedToken>> exchange, TimeSpan refreshMargin, string? rejected, CancellationToken cancellationToken);
}
