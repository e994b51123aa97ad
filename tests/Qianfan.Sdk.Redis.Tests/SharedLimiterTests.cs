using System.Diagnostics;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Limits;
using StackExchange.Redis;

namespace Qianfan.Sdk.Redis.Tests;

/// <summary>
/// The fleet's budget in a real Redis: two instances (each its own connection and limiter over the same scope) share
/// the QPS, RPM and TPM windows, learned limits and pauses; keys are namespaced and all expire; an acquisition is one
/// round trip.
/// </summary>
public sealed class SharedLimiterTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Scope = "qianfan-test";

    [Fact]
    public async Task QueriesPerSecond_TwoInstancesTogetherNeverGrantMoreThanTheLimitInAnySecond()
    {
        var prefix = RedisFixture.NewPrefix();
        // A minute's limit that is never reached keeps every grant's time (Redis's clock, µs) in the rpm window.
        var limits = new RateLimitOptions { QueriesPerSecond = 10, RequestsPerMinute = 1000 };
        using var a = await LimiterAsync(prefix, limits);
        using var b = await LimiterAsync(prefix, limits);
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            for (var n = 0; n < 2; n++)
            {
                await (i % 2 == 0 ? a : b).WaitAsync(CancellationToken.None);
            }
        })));

        var granted = (await (await redis.DatabaseAsync()).SortedSetRangeByRankWithScoresAsync(Key(prefix, "rpm")))
            .Select(e => DateTimeOffset.UnixEpoch + TimeSpan.FromMicroseconds(e.Score)).ToList();
        Assert.Equal(32, granted.Count);
        Assert.Equal(10, RequestWindows.Busiest(granted, TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(50)));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(3), $"32 grants at 10 per second took only {clock.Elapsed}");
    }

    [Fact]
    public async Task TokensPerMinute_TokensOneInstanceReportedHoldTheOther()
    {
        var prefix = RedisFixture.NewPrefix();
        var limits = new RateLimitOptions { TokensPerMinute = 300 };
        using var a = await LimiterAsync(prefix, limits);
        using var b = await LimiterAsync(prefix, limits);
        await a.WaitAsync(CancellationToken.None);

        a.RecordTokens(200);
        a.RecordTokens(100);
        await WaitForAsync(async () => (long?)await (await redis.DatabaseAsync()).StringGetAsync(Key(prefix, "tpm-sum")) == 300);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var held = b.WaitAsync(timeout.Token).AsTask();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
        var ttl = await (await redis.DatabaseAsync()).KeyTimeToLiveAsync(Key(prefix, "tpm"));
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(62));
    }

    [Fact]
    public async Task LearnedLimit_AnAccountLimitOneInstanceSawLowersTheWholeFleetsRequestsPerMinute()
    {
        var prefix = RedisFixture.NewPrefix();
        var limits = new RateLimitOptions { RequestsPerMinute = 100 };
        using var a = await LimiterAsync(prefix, limits);
        using var b = await LimiterAsync(prefix, limits);

        a.Observe(new QuotaReport(RequestsPerMinute: 3, TokensPerMinute: null, RemainingRequests: null, RemainingTokens: null));
        await WaitForAsync(async () => (long?)await (await redis.DatabaseAsync()).StringGetAsync(Key(prefix, "learned-rpm")) == 3);
        for (var i = 0; i < 3; i++)
        {
            await b.WaitAsync(CancellationToken.None);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b.WaitAsync(timeout.Token).AsTask());
    }

    [Fact]
    public async Task LearnedLimit_WhatTheAccountHasLeftLimitsTheFleetToItsCountPlusThat()
    {
        var prefix = RedisFixture.NewPrefix();
        var limits = new RateLimitOptions { RequestsPerMinute = 100 };
        using var a = await LimiterAsync(prefix, limits);
        using var b = await LimiterAsync(prefix, limits);
        await a.WaitAsync(CancellationToken.None);
        await b.WaitAsync(CancellationToken.None);

        // Other clients of the account spent most of its minute: 1 request is left beyond the fleet's 2.
        a.Observe(new QuotaReport(RequestsPerMinute: 100, TokensPerMinute: null, RemainingRequests: 1, RemainingTokens: null));
        await WaitForAsync(async () => (long?)await (await redis.DatabaseAsync()).StringGetAsync(Key(prefix, "learned-rpm")) == 3);
        await b.WaitAsync(CancellationToken.None);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a.WaitAsync(timeout.Token).AsTask());
    }

    [Fact]
    public async Task Pause_ARateLimitErrorOnOneInstanceHoldsTheOthers()
    {
        var prefix = RedisFixture.NewPrefix();
        var limits = new RateLimitOptions { QueriesPerSecond = 100 };
        using var a = await LimiterAsync(prefix, limits);
        using var b = await LimiterAsync(prefix, limits);

        a.Pause(TimeSpan.FromSeconds(1.5));
        await WaitForAsync(async () => await (await redis.DatabaseAsync()).KeyExistsAsync(Key(prefix, "pause")));
        var clock = Stopwatch.StartNew();
        await b.WaitAsync(CancellationToken.None);

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.2), $"the other instance waited only {clock.Elapsed}");
    }

    [Fact]
    public async Task Keys_AreNamespacedPerScopeAndEveryOneExpires()
    {
        var prefix = RedisFixture.NewPrefix();
        var limits = new RateLimitOptions { QueriesPerSecond = 1, RequestsPerMinute = 10, TokensPerMinute = 1000 };
        using var first = await LimiterAsync(prefix, limits, "qianfan-first");
        using var second = await LimiterAsync(prefix, limits, "qianfan-second");
        await first.WaitAsync(CancellationToken.None);
        first.RecordTokens(10);
        first.Observe(new QuotaReport(5, 500, null, null));
        first.Pause(TimeSpan.FromMilliseconds(200));
        await WaitForAsync(async () => (await redis.KeysAsync(prefix)).Count >= 7);

        // The second scope's second is its own: not held by the first's full one (nor by its pause, once it is over).
        await Task.Delay(250);
        using var quick = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await second.WaitAsync(quick.Token);

        var db = await redis.DatabaseAsync();
        var keys = await redis.KeysAsync(prefix);
        Assert.All(keys, key => Assert.Matches($"^{prefix}:\\{{qianfan-(first|second)\\}}:(qps|rpm|tpm|tpm-sum|learned-rpm|learned-tpm|pause|seq)$", key.ToString()));
        foreach (var key in keys)
        {
            var ttl = await db.KeyTimeToLiveAsync(key);
            Assert.True(ttl is { } t && t > TimeSpan.Zero && t <= TimeSpan.FromSeconds(62), $"{key} has TTL {ttl?.ToString() ?? "none"}");
        }
    }

    [Fact]
    public async Task Acquisition_IsOneRoundTripToRedis()
    {
        var prefix = RedisFixture.NewPrefix();
        var limits = new RateLimitOptions { QueriesPerSecond = 1_000_000, RequestsPerMinute = 10_000_000 };
        var (fleet, connection) = await redis.FleetWithConnectionAsync(prefix);
        using var limiter = new RedisClientLimiter(fleet, Scope, limits, ClientRateLimiter.Create(limits, TimeProvider.System, static m => new InvalidOperationException(m))!, static m => new InvalidOperationException(m));
        await limiter.WaitAsync(CancellationToken.None);
        var server = (await redis.ConnectAsync(admin: true)).GetServers()[0];
        await server.ExecuteAsync("CONFIG", "RESETSTAT");
        var sentBefore = connection.OperationCount;

        for (var i = 0; i < 100; i++)
        {
            await limiter.WaitAsync(CancellationToken.None);
        }

        var sent = connection.OperationCount - sentBefore;
        var stats = (await server.InfoAsync("commandstats")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(100, Calls(stats, "cmdstat_evalsha") + Calls(stats, "cmdstat_eval"));
        Assert.InRange(sent, 100, 102);   // a heartbeat may go out meanwhile
    }

    private static long Calls(Dictionary<string, string> stats, string name) =>
        stats.TryGetValue(name, out var line) ? long.Parse(line.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static RedisKey Key(string prefix, string name, string scope = Scope) => $"{prefix}:{{{scope}}}:{name}";

    private async Task<RedisClientLimiter> LimiterAsync(string prefix, RateLimitOptions limits, string scope = Scope)
    {
        var fleet = await redis.FleetAsync(prefix);
        var local = ClientRateLimiter.Create(limits, TimeProvider.System, static m => new InvalidOperationException(m))!;
        return new RedisClientLimiter(fleet, scope, limits, local, static m => new InvalidOperationException(m));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "the condition did not hold within 10 s");
            await Task.Delay(20);
        }
    }
}
