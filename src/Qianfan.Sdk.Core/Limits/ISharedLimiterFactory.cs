namespace Qianfan.Sdk.Core.Limits;

/// <summary>
/// Makes limiters whose budget every instance of an application shares (one per scope: a platform and its
/// credentials), for a shared store such as Redis. Each falls back to the in-process limiter it is given while the
/// store cannot be reached.
/// </summary>
internal interface ISharedLimiterFactory
{
    /// <summary>The shared limiter for <paramref name="scope"/>, which holds no secret (see <c>CredentialKey</c>).</summary>
    /// <param name="scope">The budget's name: equal for every instance that spends the same account's quota.</param>
    /// <param name="options">The configured limits.</param>
    /// <param name="local">The in-process limiter for the same options, used while the store is unavailable.</param>
    /// <param name="queueFull">The platform's exception for a call refused because too many callers already wait.</param>
    IClientLimiter Create(string scope, RateLimitOptions options, ClientRateLimiter local, Func<string, Exception> queueFull);
}
