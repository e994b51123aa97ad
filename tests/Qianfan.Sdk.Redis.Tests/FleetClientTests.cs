using System.Diagnostics;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.Redis.Tests;

/// <summary>
/// Whole clients made with <c>AddQianfan(…).UseRedis(…)</c>, two "instances" in this process against the emulator and a
/// real Redis: one token exchange for both (V1 access token and V2 bearer token), a token the service expires renewed
/// once for both, and the account's quota from the answers' headers limiting both.
/// </summary>
public sealed class FleetClientTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task TwoInstances_ShareOneAccessTokenExchange()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var prefix = RedisFixture.NewPrefix();
        await using var a = new FleetInstance("a", emulator, redis.Server.Configuration, configureRedis: r => r.KeyPrefix = prefix);
        await using var b = new FleetInstance("b", emulator, redis.Server.Configuration, configureRedis: r => r.KeyPrefix = prefix);

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? a : b).AskAsync($"你好 {i}")));

        Assert.Equal(8, replies.Length);
        Assert.Single(emulator.Requests, r => r.IsTokenRequest);
        Assert.Equal(8, emulator.Requests.Chats().Count());
    }

    [Fact]
    public async Task ExpiredToken_IsRenewedOnceForTheWholeFleet()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var prefix = RedisFixture.NewPrefix();
        await using var a = new FleetInstance("a", emulator, redis.Server.Configuration, configureRedis: r => r.KeyPrefix = prefix);
        await using var b = new FleetInstance("b", emulator, redis.Server.Configuration, configureRedis: r => r.KeyPrefix = prefix);
        await a.AskAsync("第一");
        await b.AskAsync("第一");

        emulator.Scenarios.ExpireAllTokens();
        var replies = await Task.WhenAll(a.AskAsync("第二"), b.AskAsync("第二"), a.AskAsync("第三"), b.AskAsync("第三"));

        Assert.Equal(4, replies.Length);
        Assert.Equal(2, emulator.Requests.Count(r => r.IsTokenRequest));
    }

    [Fact]
    public async Task TwoInstances_ShareOneBearerToken()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var prefix = RedisFixture.NewPrefix();
        await using var a = new FleetInstance("a", emulator, redis.Server.Configuration, configureRedis: r => r.KeyPrefix = prefix, iamKeys: true);
        await using var b = new FleetInstance("b", emulator, redis.Server.Configuration, configureRedis: r => r.KeyPrefix = prefix, iamKeys: true);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? a : b).Client.ChatCompletions.CompleteAsync(
            new ChatCompletionRequest("ernie-4.0-8k") { Messages = { ChatMessage.User($"你好 {i}") } })));

        Assert.Single(emulator.Requests, r => r.IsBearerTokenRequest);
        Assert.Equal(6, emulator.Requests.Count(r => r.IsV2Chat));
    }

    [Fact]
    public async Task AccountQuota_FromOneInstancesAnswerLimitsTheOther()
    {
        // The account allows 4 requests a minute; the instances were configured with 100.
        await using var emulator = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions { RequestsPerMinute = 4 });
        var prefix = RedisFixture.NewPrefix();
        await using var a = new FleetInstance("a", emulator, redis.Server.Configuration, o => o.RateLimits.RequestsPerMinute = 100, r => r.KeyPrefix = prefix);
        await using var b = new FleetInstance("b", emulator, redis.Server.Configuration, o => o.RateLimits.RequestsPerMinute = 100, r => r.KeyPrefix = prefix);
        await a.AskAsync("一");
        await WaitForAsync(async () => await (await redis.DatabaseAsync()).KeyExistsAsync(await LearnedKeyAsync(prefix)));

        await b.AskAsync("二");
        await a.AskAsync("三");
        await b.AskAsync("四");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        var fifth = b.AskAsync("五", timeout.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fifth);
        Assert.Equal(4, emulator.Requests.Chats().Count());
    }

    private async Task<StackExchange.Redis.RedisKey> LearnedKeyAsync(string prefix) =>
        (await redis.KeysAsync(prefix)).FirstOrDefault(k => k.ToString().EndsWith(":learned-rpm", StringComparison.Ordinal));

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
