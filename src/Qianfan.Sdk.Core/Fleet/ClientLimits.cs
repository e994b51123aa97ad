using Qianfan.Sdk.Core.Authorization;
using Qianfan.Sdk.Core.Limits;

namespace Qianfan.Sdk.Core.Fleet;

/// <summary>
/// A client's limits, made the same way for every platform: the in-process limiter for its options, or, when a
/// shared store lends a fleet budget, the store's limiter over it (which falls back to the in-process one while the
/// store is unreachable). The budget's scope is named here, so every platform's is namespaced alike.
/// </summary>
internal sealed class ClientLimits : IDisposable
{
    private readonly ClientRateLimiter? _local;

    private ClientLimits(ClientRateLimiter? local, IClientLimiter? limiter)
    {
        _local = local;
        Limiter = limiter;
    }

    /// <summary>What the client's pipelines take before every request; null when no limit is configured.</summary>
    public IClientLimiter? Limiter { get; }

    /// <summary>The limits of a client of <paramref name="platform"/>.</summary>
    /// <param name="options">The configured limits.</param>
    /// <param name="time">The client's clock.</param>
    /// <param name="queueFull">The platform's exception for a call refused because too many callers wait.</param>
    /// <param name="fleet">What a shared store registered for the client; null keeps the limits in the process.</param>
    /// <param name="platform">The platform's name (<c>qianfan</c>, <c>dashscope</c>, …): the first part of the scope.</param>
    /// <param name="account">What names the account whose quota the client spends (keys, hosts; hashed, never stored).</param>
    public static ClientLimits Create(RateLimitOptions options, TimeProvider time, Func<string, Exception> queueFull, FleetServices? fleet, string platform, params string?[] account)
    {
        var local = ClientRateLimiter.Create(options, time, queueFull);
        var limiter = local is not null && fleet?.Limiters is { } shared
            ? shared.Create(Scope(platform, account), options, local, queueFull)
            : local;
        return new ClientLimits(local, limiter);
    }

    /// <summary>
    /// The name of an account's budget in a shared store: <c>{platform}-{hash}</c>, the hash (<see cref="CredentialKey"/>)
    /// over <c>{platform}-limits</c> and the account's parts. Equal for every instance configured alike; two platforms,
    /// or two accounts of one platform, never share one.
    /// </summary>
    public static string Scope(string platform, params string?[] account) =>
        platform + "-" + CredentialKey.Of([platform + "-limits", .. account]);

    public void Dispose()
    {
        if (!ReferenceEquals(Limiter, _local))
        {
            (Limiter as IDisposable)?.Dispose();
        }

        _local?.Dispose();
    }
}
