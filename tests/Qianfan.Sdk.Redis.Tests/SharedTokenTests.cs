using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Qianfan.Sdk.Core.Authorization;
using StackExchange.Redis;

namespace Qianfan.Sdk.Redis.Tests;

/// <summary>
/// The fleet's tokens in a real Redis: instances (each its own connection, store and token cache) share one exchange
/// per credential, renew a rejected token once for all, take over a lock whose holder died, and store the token
/// sealed when a key is given.
/// </summary>
public sealed class SharedTokenTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Credential = "0123456789abcdef0123456789abcdef";
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Instances_AskingAtOnceShareOneExchange()
    {
        var prefix = RedisFixture.NewPrefix();
        var service = new TokenService();
        var instances = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CacheAsync(prefix, service)));

        var tokens = await Task.WhenAll(instances.SelectMany(cache => Enumerable.Range(0, 8).Select(_ => cache.GetAsync(CancellationToken.None).AsTask())));

        Assert.Equal(1, service.Exchanges);
        Assert.All(tokens, token => Assert.Equal("token-1", token));
    }

    [Fact]
    public async Task Rejected_TheFleetRenewsOnceAndEveryInstanceGetsTheNewToken()
    {
        var prefix = RedisFixture.NewPrefix();
        var service = new TokenService();
        var a = await CacheAsync(prefix, service);
        var b = await CacheAsync(prefix, service);
        Assert.Equal("token-1", await a.GetAsync(CancellationToken.None));
        Assert.Equal("token-1", await b.GetAsync(CancellationToken.None));

        // Both instances' next calls answer 111 with the same token.
        a.Invalidate("token-1");
        b.Invalidate("token-1");
        var renewed = await Task.WhenAll(a.GetAsync(CancellationToken.None).AsTask(), b.GetAsync(CancellationToken.None).AsTask());
        var later = await (await CacheAsync(prefix, service)).GetAsync(CancellationToken.None);

        Assert.Equal(2, service.Exchanges);
        Assert.Equal(["token-2", "token-2"], renewed);
        Assert.Equal("token-2", later);
    }

    [Fact]
    public async Task Rejected_AnInstanceThatLearnsLateTakesTheTokenAlreadyRenewed()
    {
        var prefix = RedisFixture.NewPrefix();
        var service = new TokenService();
        var a = await CacheAsync(prefix, service);
        var b = await CacheAsync(prefix, service);
        await a.GetAsync(CancellationToken.None);
        await b.GetAsync(CancellationToken.None);

        a.Invalidate("token-1");
        Assert.Equal("token-2", await a.GetAsync(CancellationToken.None));
        b.Invalidate("token-1");

        Assert.Equal("token-2", await b.GetAsync(CancellationToken.None));
        Assert.Equal(2, service.Exchanges);
    }

    [Fact]
    public async Task Lock_WhoseHolderDiedIsTakenOverOnceItsLeaseEnds()
    {
        var prefix = RedisFixture.NewPrefix();
        var db = await redis.DatabaseAsync();
        await db.StringSetAsync($"{prefix}:{{{Credential}}}:token-lock", "an instance that died", TimeSpan.FromMilliseconds(600));
        var service = new TokenService();
        var cache = await CacheAsync(prefix, service);
        var clock = Stopwatch.StartNew();

        var token = await cache.GetAsync(CancellationToken.None);

        Assert.Equal("token-1", token);
        Assert.Equal(1, service.Exchanges);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(400), $"took the lock after {clock.Elapsed}, before the lease ended");
    }

    [Fact]
    public async Task DueToken_WhileAnotherInstanceRenewsItTheCurrentTokenServes()
    {
        var prefix = RedisFixture.NewPrefix();
        var db = await redis.DatabaseAsync();
        var now = DateTimeOffset.UtcNow;
        // Issued 56 minutes ago, valid for 4 more: inside the 5-minute margin, so due; another instance holds the lock.
        var fingerprint = new TokenSealer(null).Fingerprint("current");
        await db.StringSetAsync($"{prefix}:{{{Credential}}}:token", $"1|{fingerprint}|{(now - TimeSpan.FromMinutes(56)).ToUnixTimeMilliseconds()}|{(now + TimeSpan.FromMinutes(4)).ToUnixTimeMilliseconds()}|p|current", TimeSpan.FromMinutes(4));
        await db.StringSetAsync($"{prefix}:{{{Credential}}}:token-lock", "another instance", TimeSpan.FromSeconds(30));
        var service = new TokenService();
        var cache = await CacheAsync(prefix, service);
        var clock = Stopwatch.StartNew();

        var token = await cache.GetAsync(CancellationToken.None);

        Assert.Equal("current", token);
        Assert.Equal(0, service.Exchanges);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"waited {clock.Elapsed} for a renewal it did not need");
    }

    [Fact]
    public async Task Stored_WithoutAKeyTheTokenAndItsTimesAreInClearUnderAHashOfTheCredential()
    {
        var prefix = RedisFixture.NewPrefix();
        var service = new TokenService();
        await (await CacheAsync(prefix, service)).GetAsync(CancellationToken.None);

        var keys = await redis.KeysAsync(prefix);
        var stored = (string?)await (await redis.DatabaseAsync()).StringGetAsync($"{prefix}:{{{Credential}}}:token");
        var ttl = await (await redis.DatabaseAsync()).KeyTimeToLiveAsync($"{prefix}:{{{Credential}}}:token");

        Assert.Equal([$"{prefix}:{{{Credential}}}:token"], keys.Select(k => k.ToString()));
        Assert.NotNull(stored);
        Assert.Matches("^1\\|[0-9a-f]{32}\\|[0-9]+\\|[0-9]+\\|p\\|token-1$", stored);
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(60));
    }

    [Fact]
    public async Task Stored_WithAKeyTheTokenIsSealedAndOpensOnlyWithThatKey()
    {
        var prefix = RedisFixture.NewPrefix();
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var service = new TokenService();
        await (await CacheAsync(prefix, service, key)).GetAsync(CancellationToken.None);

        var stored = (string?)await (await redis.DatabaseAsync()).StringGetAsync($"{prefix}:{{{Credential}}}:token");
        var sameKey = await (await CacheAsync(prefix, service, key)).GetAsync(CancellationToken.None);
        var logs = new FakeLogCollector();
        var otherKey = await (await CacheAsync(prefix, service, [.. Enumerable.Repeat((byte)7, 32)], logs)).GetAsync(CancellationToken.None);

        Assert.NotNull(stored);
        Assert.DoesNotContain("token-1", stored, StringComparison.Ordinal);
        Assert.Matches("^1\\|[0-9a-f]{32}\\|[0-9]+\\|[0-9]+\\|e\\|[A-Za-z0-9+/=]+$", stored);
        Assert.Equal("token-1", sameKey);
        Assert.Equal("token-2", otherKey);
        Assert.Equal(2, service.Exchanges);
        Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("could not be read", StringComparison.Ordinal));
    }

    [Fact]
    public void CredentialKey_IsAHashThatHoldsNoneOfTheCredential()
    {
        var key = CredentialKey.Of("qianfan-oauth", "https://aip.baidubce.com/", "my-api-key", "my-secret-key");

        Assert.Matches("^[0-9a-f]{32}$", key);
        Assert.Equal(key, CredentialKey.Of("qianfan-oauth", "https://aip.baidubce.com/", "my-api-key", "my-secret-key"));
        Assert.NotEqual(key, CredentialKey.Of("qianfan-oauth", "https://aip.baidubce.com/", "my-api-key", "another-secret"));
        Assert.NotEqual(CredentialKey.Of("a", "bc"), CredentialKey.Of("ab", "c"));
    }

    private async Task<SingleFlightTokenCache> CacheAsync(string prefix, TokenService service, byte[]? key = null, FakeLogCollector? logs = null)
    {
        var fleet = await redis.FleetAsync(prefix, o => o.TokenEncryptionKey = key);
        ILogger logger = logs is null ? NullLogger.Instance : new FakeLogger(logs, "Qianfan.Sdk.Redis");
        var store = new RedisTokenStore(fleet, logger);
        return new SingleFlightTokenCache(service.ExchangeAsync, Margin, TimeProvider.System, NullLogger.Instance, store, Credential);
    }

    /// <summary>The service's token endpoint: each exchange takes a moment and returns the next token, valid an hour.</summary>
    private sealed class TokenService
    {
        private int _exchanges;

        public int Exchanges => Volatile.Read(ref _exchanges);

        public async Task<IssuedToken> ExchangeAsync()
        {
            var n = Interlocked.Increment(ref _exchanges);
            await Task.Delay(100);
            var now = DateTimeOffset.UtcNow;
            return new IssuedToken($"token-{n}", now + TimeSpan.FromHours(1), now);
        }
    }
}
