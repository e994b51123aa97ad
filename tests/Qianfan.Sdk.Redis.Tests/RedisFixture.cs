using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using StackExchange.Redis;

namespace Qianfan.Sdk.Redis.Tests;

/// <summary>One redis-server for a test class, and "instances" over it: each a connection of its own and a <see cref="RedisFleet"/>.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private readonly List<IDisposable> _owned = [];

    public RedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        lock (_owned)
        {
            foreach (var owned in _owned)
            {
                owned.Dispose();
            }
        }

        await Server.DisposeAsync();
    }

    /// <summary>A connection as an application would make it (fail fast while disconnected).</summary>
    public async Task<ConnectionMultiplexer> ConnectAsync(bool admin = false)
    {
        var options = ConfigurationOptions.Parse(Server.Configuration);
        options.AllowAdmin = admin;
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        lock (_owned)
        {
            _owned.Add(connection);
        }

        return connection;
    }

    /// <summary>One instance's fleet over a connection of its own, with keys under <paramref name="prefix"/> (one per test).</summary>
    internal async Task<RedisFleet> FleetAsync(string prefix, Action<QianfanRedisOptions>? configure = null, FakeLogCollector? logs = null, TimeProvider? time = null) =>
        (await FleetWithConnectionAsync(prefix, configure, logs, time)).Fleet;

    internal async Task<(RedisFleet Fleet, ConnectionMultiplexer Connection)> FleetWithConnectionAsync(string prefix, Action<QianfanRedisOptions>? configure = null, FakeLogCollector? logs = null, TimeProvider? time = null)
    {
        var options = new QianfanRedisOptions { KeyPrefix = prefix };
        configure?.Invoke(options);
        options.Validate();
        Microsoft.Extensions.Logging.ILogger logger = logs is null ? NullLogger.Instance : new FakeLogger(logs, "Qianfan.Sdk.Redis");
        var connection = await ConnectAsync();
        return (new RedisFleet(connection, ownsConnection: false, options, logger, time ?? TimeProvider.System), connection);
    }

    /// <summary>The database, for looking at what the SDK stored.</summary>
    public async Task<IDatabase> DatabaseAsync() => (await ConnectAsync()).GetDatabase();

    /// <summary>Every key under <paramref name="prefix"/>.</summary>
    public async Task<List<RedisKey>> KeysAsync(string prefix)
    {
        var connection = await ConnectAsync();
        return [.. connection.GetServer(connection.GetEndPoints()[0]).Keys(pattern: prefix + ":*")];
    }

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];
}
