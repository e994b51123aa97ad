using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Qianfan.Sdk.Redis.Tests;

/// <summary>
/// When a fleet counts Redis as unavailable and when it tries again, on a fake clock, over a connection to a port
/// where nothing listens: one Warning however many calls fail, one try per retry interval, in-process meanwhile.
/// </summary>
public sealed class RedisFleetTests
{
    [Fact]
    public async Task Unreachable_OneWarningForManyCallsAndOneTryPerRetryInterval()
    {
        var options = ConfigurationOptions.Parse($"127.0.0.1:{ClosedPort()}");
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = 200;
        using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new FakeLogCollector();
        using var fleet = new RedisFleet(connection, ownsConnection: false, new QianfanRedisOptions { RetryInterval = TimeSpan.FromSeconds(1) }, new FakeLogger(logs, "Qianfan.Sdk.Redis"), time);

        var first = Enumerable.Range(0, 50).Select(_ => fleet.ShouldTry()).ToList();
        time.Advance(TimeSpan.FromMilliseconds(999));
        var beforeTheInterval = fleet.ShouldTry();
        time.Advance(TimeSpan.FromMilliseconds(1));
        var atTheInterval = Enumerable.Range(0, 10).Select(_ => fleet.ShouldTry()).ToList();
        await Assert.ThrowsAsync<RedisUnavailableException>(() => fleet.RunAsync(static (db, _) => db.PingAsync(), 0));

        Assert.All(first, Assert.False);
        Assert.False(beforeTheInterval);
        Assert.Equal(1, atTheInterval.Count(t => t));
        Assert.False(fleet.IsAvailable);
        var warning = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Redis is unavailable", warning.Message, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
