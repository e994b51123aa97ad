using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Fleet;
using Qianfan.Sdk.Redis;
using StackExchange.Redis;

namespace Qianfan.Sdk.DependencyInjection;

/// <summary>
/// <c>AddQianfan(…).UseRedis(…)</c>, <c>AddDashScope(…).UseRedis(…)</c>, <c>AddZhipu(…).UseRedis(…)</c>: a client's tokens and rate limits shared by
/// every instance of the application through Redis (one token exchange per credential, one QPS/RPM/TPM budget per
/// account), falling back to the process while Redis is unavailable. Written once over
/// <see cref="ISdkClientBuilder"/>, so it serves every platform's registration and returns that platform's builder;
/// what is shared is what the platform has: Qianfan its tokens and limits, DashScope (a static key) and Zhipu (a key, or a JWT each instance signs) their limits.
/// Each registration gets its own budget, keyed by platform and credentials.
/// </summary>
public static class QianfanRedisBuilderExtensions
{
    /// <summary>Shares the client's tokens and limits through <paramref name="connection"/> (yours: the SDK does not dispose it).</summary>
    /// <typeparam name="TBuilder">The platform's builder (<c>QianfanBuilder</c>, <c>DashScopeBuilder</c>, <c>ZhipuBuilder</c>), returned as it is.</typeparam>
    /// <param name="builder">What <c>AddQianfan</c>, <c>AddDashScope</c> or <c>AddZhipu</c> returned.</param>
    /// <param name="connection">A connection to Redis. With <c>BacklogPolicy.FailFast</c> a lost connection is noticed at once.</param>
    /// <param name="configure">Key prefix, token encryption, window margin, timeouts; null for the defaults.</param>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public static TBuilder UseRedis<TBuilder>(this TBuilder builder, IConnectionMultiplexer connection, Action<QianfanRedisOptions>? configure = null)
        where TBuilder : ISdkClientBuilder
    {
        ArgumentNullException.ThrowIfNull(connection);
        return builder.UseRedis(_ => connection, ownsConnection: false, configure);
    }

    /// <summary>
    /// Shares the client's tokens and limits through the Redis that <paramref name="configuration"/> names (a
    /// StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379,password=…</c>). The connection is made when the
    /// client is first resolved and closed with the container; Redis need not be up then (the client starts in the
    /// process and moves to Redis once it answers).
    /// </summary>
    /// <typeparam name="TBuilder">The platform's builder (<c>QianfanBuilder</c>, <c>DashScopeBuilder</c>, <c>ZhipuBuilder</c>), returned as it is.</typeparam>
    /// <param name="builder">What <c>AddQianfan</c>, <c>AddDashScope</c> or <c>AddZhipu</c> returned.</param>
    /// <param name="configuration">Where Redis is; never logged.</param>
    /// <param name="configure">Key prefix, token encryption, window margin, timeouts; null for the defaults.</param>
    /// <exception cref="ArgumentException">The configuration string or a setting is invalid.</exception>
    public static TBuilder UseRedis<TBuilder>(this TBuilder builder, string configuration, Action<QianfanRedisOptions>? configure = null)
        where TBuilder : ISdkClientBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        var redis = ConfigurationOptions.Parse(configuration);
        redis.AbortOnConnectFail = false;
        redis.BacklogPolicy = BacklogPolicy.FailFast;
        return builder.UseRedis(_ => ConnectionMultiplexer.Connect(redis), ownsConnection: true, configure);
    }

    private static TBuilder UseRedis<TBuilder>(this TBuilder builder, Func<IServiceProvider, IConnectionMultiplexer> connect, bool ownsConnection, Action<QianfanRedisOptions>? configure)
        where TBuilder : ISdkClientBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new QianfanRedisOptions();
        configure?.Invoke(options);
        options = options.Clone();
        options.Validate();

        RedisFleet Fleet(IServiceProvider provider) => new(
            connect(provider),
            ownsConnection,
            options,
            (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Qianfan.Sdk.Redis"),
            provider.GetService<TimeProvider>() ?? TimeProvider.System);

        static FleetServices Services(RedisFleet fleet, IServiceProvider provider) => new(
            new RedisTokenStore(fleet, (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Qianfan.Sdk.Redis")),
            new RedisLimiterFactory(fleet));

        // Keyed by the registration's platform and name, as the platform's registration resolves it (FleetServices.Resolve).
        var key = FleetServices.KeyOf(builder);
        builder.Services.AddKeyedSingleton(key, (provider, _) => Fleet(provider));
        builder.Services.AddKeyedSingleton(key, (provider, k) => Services(provider.GetRequiredKeyedService<RedisFleet>(k), provider));

        return builder;
    }
}
