using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.Redis.Tests;

/// <summary>
/// Redis going away under load, and never being there: no call fails, each instance logs one Warning, its limits and
/// tokens are its own meanwhile, and the fleet shares them again once Redis is back.
/// </summary>
public sealed class RedisOutageTests
{
    private const int Qps = 10;
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    // Redis counts a request when it grants it; the emulator when the request arrives. The shared windows keep a margin
    // for the difference (WindowMargin; 300 ms here, as the machine is shared with the rest of the test run). The
    // in-process limiter keeps none, so its windows are checked over 750 ms: still 10 requests at most, where a
    // shared or a missing limit would show 20 or hundreds.
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan LocalSecond = TimeSpan.FromMilliseconds(750);

    [Fact]
    public async Task RedisKilledMidRun_NoCallFailsOneWarningIsLoggedAndTheLimitIsPerProcessUntilRedisIsBack()
    {
        using var probe = new StallProbe();
        await using var server = await RedisServer.StartNewAsync();
        await using var emulator = await QianfanEmulator.StartAsync();
        var prefix = RedisFixture.NewPrefix();
        await using var a = new FleetInstance("a", emulator, server.Configuration, o => o.RateLimits.QueriesPerSecond = Qps, r => (r.KeyPrefix, r.WindowMargin) = (prefix, Margin));
        await using var b = new FleetInstance("b", emulator, server.Configuration, o => o.RateLimits.QueriesPerSecond = Qps, r => (r.KeyPrefix, r.WindowMargin) = (prefix, Margin));
        await WarmUpAsync(a, b);
        using var stop = new CancellationTokenSource();
        var failures = new List<Exception>();
        var callers = new[] { a, b }.SelectMany(instance => Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await instance.AskAsync($"你好 {instance.Name}{i}", stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
                catch (Exception ex)
                {
                    lock (failures)
                    {
                        failures.Add(ex);
                    }
                }
            }
        }))).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var killedAt = DateTimeOffset.UtcNow;
        server.Kill();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var restartedAt = DateTimeOffset.UtcNow;
        await server.StartAsync();
        var clock = Stopwatch.StartNew();
        while (!(Recovered(a) && Recovered(b)))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the instances did not go back to Redis within 20 s of its restart\n{server.Log}");
            await Task.Delay(100);
        }

        var recoveredAt = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        await stop.CancelAsync();
        await Task.WhenAll(callers);

        var chats = emulator.Requests.Chats().ToList();
        string Details(IEnumerable<Emulator.RecordedRequest> requests, TimeSpan window) =>
            $"\n{RequestWindows.Describe(requests, window)}\nkilled +{(killedAt - chats[0].ReceivedAt).TotalMilliseconds:0} ms, restarted +{(restartedAt - chats[0].ReceivedAt).TotalMilliseconds:0} ms, recovered +{(recoveredAt - chats[0].ReceivedAt).TotalMilliseconds:0} ms; {probe}";
        var before = chats.Where(r => r.ReceivedAt < killedAt).ToList();
        var outage = chats.Where(r => r.ReceivedAt > killedAt + Second && r.ReceivedAt < restartedAt).ToList();
        var after = chats.Where(r => r.ReceivedAt > recoveredAt + Second).ToList();
        Assert.True(failures.Count == 0, "calls failed:\n" + string.Join("\n", failures.Select(f => f.GetType().Name + ": " + f.Message).Distinct()));
        Assert.True(RequestWindows.Busiest(before.Select(r => r.ReceivedAt), Second) <= Qps, "before the outage the fleet shared one limit" + Details(before, Second));
        Assert.True(RequestWindows.Busiest(outage.From("a").Select(r => r.ReceivedAt), LocalSecond) <= Qps, "during the outage each instance kept its own limit" + Details(outage.From("a"), LocalSecond));
        Assert.True(RequestWindows.Busiest(outage.From("b").Select(r => r.ReceivedAt), LocalSecond) <= Qps, "during the outage each instance kept its own limit" + Details(outage.From("b"), LocalSecond));
        Assert.True(RequestWindows.Busiest(outage.Select(r => r.ReceivedAt), Second) > Qps, "during the outage the limit was per process, not shared" + Details(outage, Second));
        Assert.True(after.Count >= 15, $"only {after.Count} calls after Redis came back");
        Assert.True(RequestWindows.Busiest(after.Select(r => r.ReceivedAt), Second) <= Qps, "after the outage the fleet shared one limit again" + Details(after, Second));
        foreach (var instance in new[] { a, b })
        {
            var warnings = instance.RedisLogs(LogLevel.Warning);
            Assert.True(warnings.Count == 1, $"{instance.Name} logged {warnings.Count} warnings: {string.Join(" | ", warnings.Select(w => w.Message))}");
            var warning = warnings[0];
            Assert.Contains("Redis is unavailable", warning.Message, StringComparison.Ordinal);
            Assert.Contains("no call fails", warning.Message, StringComparison.Ordinal);
            Assert.Single(instance.RedisLogs(LogLevel.Information), r => r.Message.Contains("available again", StringComparison.Ordinal));
        }

        Assert.Single(emulator.Requests, r => r.IsTokenRequest);
    }

    [Fact]
    public async Task RedisNeverThere_CallsSucceedInTheProcessWithOneWarning()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        await using var instance = new FleetInstance("a", emulator, $"127.0.0.1:{ClosedPort()},connectTimeout=500", o => o.RateLimits.QueriesPerSecond = Qps);
        await WarmUpAsync(instance);

        var replies = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => instance.AskAsync($"你好 {i}")));

        Assert.Equal(12, replies.Length);
        Assert.Single(emulator.Requests, r => r.IsTokenRequest);
        Assert.True(RequestWindows.Busiest(emulator.Requests.Chats().Select(r => r.ReceivedAt), LocalSecond) <= Qps, "the process's own limit held");
        Assert.Single(instance.RedisLogs(LogLevel.Warning));
    }

    /// <summary>One call per instance, so their first measured requests are not late by start-up work (compiling, connecting), then a second for the limit's window to pass.</summary>
    private static async Task WarmUpAsync(params FleetInstance[] instances)
    {
        foreach (var instance in instances)
        {
            await instance.AskAsync("预热");
        }

        await Task.Delay(TimeSpan.FromSeconds(1.1));
    }

    private static bool Recovered(FleetInstance instance) =>
        instance.RedisLogs(LogLevel.Information).Any(r => r.Message.Contains("available again", StringComparison.Ordinal));

    /// <summary>A loopback port nothing listens on (taken from the OS, then released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
