using Microsoft.Extensions.DependencyInjection;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.DashScope;
using Qianfan.Sdk.DashScope.DependencyInjection;
using Qianfan.Sdk.DashScope.Generation;
using Qianfan.Sdk.DependencyInjection;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.Redis.Tests;

/// <summary>
/// <c>AddDashScope(…).UseRedis(…)</c> and <c>AddZhipu(…).UseRedis(…)</c>: two "instances" of one application spend one
/// budget (the keys are static or sign their own JWTs, so only the limits are shared), and in one application a
/// Qianfan and a DashScope registration each keep their own budget and their own Redis settings.
/// </summary>
public sealed class PlatformFleetTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const int Qps = 4;
    private const int Rpm = 10;
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    // As in the outage tests: a margin for the difference between when Redis grants a request and when the emulator
    // reads it, on a machine shared with the rest of the run.
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(300);

    [Theory]
    [InlineData("dashscope")]
    [InlineData("zhipu")]
    public async Task TwoInstances_TogetherNeverExceedTheQpsAndRpmLimits(string platform)
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var prefix = RedisFixture.NewPrefix();
        FleetInstance Instance(string name) => platform == "zhipu"
            ? FleetInstance.Zhipu(name, emulator, redis.Server.Configuration, o => (o.RateLimits.QueriesPerSecond, o.RateLimits.RequestsPerMinute) = (Qps, Rpm), r => (r.KeyPrefix, r.WindowMargin) = (prefix, Margin))
            : FleetInstance.DashScope(name, emulator, redis.Server.Configuration, o => (o.RateLimits.QueriesPerSecond, o.RateLimits.RequestsPerMinute) = (Qps, Rpm), r => (r.KeyPrefix, r.WindowMargin) = (prefix, Margin));
        await using var a = Instance("a");
        await using var b = Instance("b");
        await RedisOutageTests.WarmUpAsync(a, b);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        var failures = new List<Exception>();
        var callers = new[] { a, b }.SelectMany(instance => Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await instance.SendAsync($"你好 {instance.Name}{i}", stop.Token);
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
        await Task.WhenAll(callers);

        var generations = (platform == "zhipu" ? emulator.Requests.ZhipuChats() : emulator.Requests.Generations()).ToList();
        Assert.True(failures.Count == 0, "calls failed:\n" + string.Join("\n", failures.Select(f => f.GetType().Name + ": " + f.Message).Distinct()));
        Assert.True(RequestWindows.Busiest(generations.Select(r => r.ReceivedAt), Second) <= Qps, "the instances shared one QPS limit\n" + RequestWindows.Describe(generations, Second));
        Assert.True(generations.Count <= Rpm, $"the instances shared one RPM limit: {generations.Count} requests within a minute\n" + RequestWindows.Describe(generations, TimeSpan.FromMinutes(1)));
        Assert.True(generations.Count == Rpm, $"the fleet used its whole minute's budget: {generations.Count} of {Rpm}");
        Assert.NotEmpty(generations.From("a"));
        Assert.NotEmpty(generations.From("b"));
        Assert.Contains(await redis.KeysAsync(prefix), k => k.ToString().StartsWith(prefix + ":{" + platform + "-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QianfanAndDashScope_InOneApplication_SpendSeparateBudgets()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var prefix = RedisFixture.NewPrefix();
        var connection = await redis.ConnectAsync();
        var services = new ServiceCollection();
        services.AddQianfan(
                c => (c.ApiKey, c.SecretKey) = (emulator.ApiKey, emulator.SecretKey),
                o => (o.BaseUrl, o.RateLimits.RequestsPerMinute) = (emulator.BaseUri, 2))
            .UseRedis(connection, r => r.KeyPrefix = prefix);
        services.AddDashScope(
                c => c.ApiKey = emulator.DashScopeApiKey,
                o => (o.BaseUrl, o.RateLimits.RequestsPerMinute) = (emulator.DashScopeBaseUri, 2))
            .UseRedis(connection, r => r.KeyPrefix = prefix);
        await using var provider = services.BuildServiceProvider();
        var qianfan = provider.GetRequiredService<QianfanClient>();
        var dashScope = provider.GetRequiredService<DashScopeClient>();

        // Two requests a minute each: one shared budget would hold the third call for a minute.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        for (var i = 0; i < 2; i++)
        {
            await qianfan.Chat.CompleteAsync(new ChatRequest { Messages = { ChatMessage.User($"千帆 {i}") } }, timeout.Token);
            await dashScope.Generation.CompleteAsync(new GenerationRequest("qwen-plus") { Prompt = $"百炼 {i}" }, timeout.Token);
        }

        Assert.Equal(2, emulator.Requests.Chats().Count());
        Assert.Equal(2, emulator.Requests.Generations().Count());
        var scopes = (await redis.KeysAsync(prefix)).Where(k => k.ToString().EndsWith(":rpm", StringComparison.Ordinal)).Select(k => k.ToString()).ToList();
        Assert.Equal(2, scopes.Count);
        Assert.Single(scopes, k => k.StartsWith(prefix + ":{qianfan-", StringComparison.Ordinal));
        Assert.Single(scopes, k => k.StartsWith(prefix + ":{dashscope-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RegistrationsOfOneName_OnTwoPlatforms_EachUseTheirOwnRedisSettings()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var (qianfanPrefix, dashScopePrefix) = (RedisFixture.NewPrefix(), RedisFixture.NewPrefix());
        var services = new ServiceCollection();
        services.AddQianfan(
                "main",
                c => (c.ApiKey, c.SecretKey) = (emulator.ApiKey, emulator.SecretKey),
                o => (o.BaseUrl, o.RateLimits.RequestsPerMinute) = (emulator.BaseUri, 100))
            .UseRedis(redis.Server.Configuration, r => r.KeyPrefix = qianfanPrefix);
        services.AddDashScope(
                "main",
                c => c.ApiKey = emulator.DashScopeApiKey,
                o => (o.BaseUrl, o.RateLimits.RequestsPerMinute) = (emulator.DashScopeBaseUri, 100))
            .UseRedis(redis.Server.Configuration, r => r.KeyPrefix = dashScopePrefix);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<QianfanClient>("main").Chat.CompleteAsync(new ChatRequest { Messages = { ChatMessage.User("千帆") } });
        await provider.GetRequiredKeyedService<DashScopeClient>("main").Generation.CompleteAsync(new GenerationRequest("qwen-plus") { Prompt = "百炼" });

        var qianfanKeys = await redis.KeysAsync(qianfanPrefix);
        var dashScopeKeys = await redis.KeysAsync(dashScopePrefix);
        Assert.Contains(qianfanKeys, k => k.ToString().StartsWith(qianfanPrefix + ":{qianfan-", StringComparison.Ordinal));
        Assert.DoesNotContain(qianfanKeys, k => k.ToString().Contains("{dashscope-", StringComparison.Ordinal));
        Assert.Contains(dashScopeKeys, k => k.ToString().StartsWith(dashScopePrefix + ":{dashscope-", StringComparison.Ordinal));
        Assert.DoesNotContain(dashScopeKeys, k => k.ToString().Contains("{qianfan-", StringComparison.Ordinal));
    }
}
