using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Limits;

namespace Qianfan.Sdk.Redis;

/// <summary>Makes each client's limiter the fleet's: one Redis budget per scope (platform and credentials).</summary>
internal sealed class RedisLimiterFactory(RedisFleet fleet) : ISharedLimiterFactory
{
    public IClientLimiter Create(string scope, RateLimitOptions options, ClientRateLimiter local, Func<string, Exception> queueFull) =>
        new RedisClientLimiter(fleet, scope, options, local, queueFull);
}
