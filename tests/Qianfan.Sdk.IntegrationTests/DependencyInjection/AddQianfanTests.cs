using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.DependencyInjection;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.DependencyInjection;

[Collection(nameof(EnvironmentVariableTests))]
public sealed class AddQianfanTests
{
    private static ChatRequest Ask(string message) => new() { Messages = { ChatMessage.User(message) } };

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public async Task ConfigurationSection_IsBoundAndTheClientChats()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var configuration = Configuration(
            ("Qianfan:BaseUrl", emulator.BaseUrl),
            ("Qianfan:ApiKey", emulator.ApiKey),
            ("Qianfan:SecretKey", emulator.SecretKey),
            ("Qianfan:Timeout", "00:00:30"),
            ("Qianfan:Retry:MaxRetries", "5"),
            ("Qianfan:Retry:BaseDelay", "00:00:00.010"),
            ("Qianfan:RateLimits:QueriesPerSecond", "50"));
        var services = new ServiceCollection();
        services.AddQianfan(configuration.GetSection("Qianfan"));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<QianfanOptions>>().CurrentValue;
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.Equal(5, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(10), options.Retry.BaseDelay);
        Assert.Equal(50, options.RateLimits.QueriesPerSecond);

        var reply = await provider.GetRequiredService<ChatClient>().CompleteAsync(Ask("来自配置"));
        Assert.Contains("来自配置", reply.Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTokenCache_IsSharedByEverythingResolvedFromOneRegistration()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var services = new ServiceCollection();
        services.AddQianfan(
            c =>
            {
                c.ApiKey = emulator.ApiKey;
                c.SecretKey = emulator.SecretKey;
            },
            o => o.BaseUrl = emulator.BaseUri);
        await using var provider = services.BuildServiceProvider();

        var calls = new List<Task>();
        for (var scopeIndex = 0; scopeIndex < 5; scopeIndex++)
        {
            using var scope = provider.CreateScope();
            var client = scope.ServiceProvider.GetRequiredService<QianfanClient>();
            var chat = scope.ServiceProvider.GetRequiredService<ChatClient>();
            Assert.Same(client.Chat, chat);
            calls.AddRange(Enumerable.Range(0, 4).Select(i => chat.CompleteAsync(Ask($"作用域{scopeIndex}-{i}"))));
        }

        await Task.WhenAll(calls);
        Assert.Same(provider.GetRequiredService<QianfanClient>(), provider.CreateScope().ServiceProvider.GetRequiredService<QianfanClient>());
        Assert.Single(emulator.Requests, r => r.IsTokenRequest);
        Assert.Equal(20, emulator.Requests.Count(r => r.IsChat));
    }

    [Fact]
    public async Task TheReturnedBuilder_AddsHandlersToTheSdksPipeline()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var spy = new TokenSpy();
        var services = new ServiceCollection();
        services.AddQianfan(
            c =>
            {
                c.ApiKey = emulator.ApiKey;
                c.SecretKey = emulator.SecretKey;
            },
            o => o.BaseUrl = emulator.BaseUri).HttpClient.AddHttpMessageHandler(() => spy);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ChatClient>().CompleteAsync(Ask("经过自定义处理器"));

        Assert.Equal(2, spy.Requests); // the token exchange and the chat call
        Assert.Single(spy.AccessTokens);
    }

    [Fact]
    public async Task NamedClients_TalkToTwoAccountsAtOnce()
    {
        await using var first = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions { ApiKey = "first-ak", SecretKey = "first-sk" });
        await using var second = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions { ApiKey = "second-ak", SecretKey = "second-sk" });
        var services = new ServiceCollection();
        services.AddQianfan(
            c =>
            {
                c.ApiKey = "first-ak";
                c.SecretKey = "first-sk";
            },
            o => o.BaseUrl = first.BaseUri);
        services.AddQianfan("second", Configuration(
            ("BaseUrl", second.BaseUrl),
            ("ApiKey", "second-ak"),
            ("SecretKey", "second-sk")));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<QianfanClient>().Chat.CompleteAsync(Ask("第一个账号"));
        await provider.GetRequiredKeyedService<QianfanClient>("second").Chat.CompleteAsync(Ask("第二个账号"));
        await provider.GetRequiredKeyedService<ChatClient>("second").CompleteAsync(Ask("第二个账号again"));

        Assert.NotSame(provider.GetRequiredService<QianfanClient>(), provider.GetRequiredKeyedService<QianfanClient>("second"));
        Assert.Single(first.Requests, r => r.IsChat);
        Assert.Equal(2, second.Requests.Count(r => r.IsChat));
        Assert.Equal("second-ak", Assert.Single(second.Requests, r => r.IsTokenRequest).Query["client_id"]);
    }

    [Fact]
    public async Task StartUp_MakesEachClient_AndLogsWhichAreasItsCredentialsServe_WithoutASecret()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging());
        services.AddQianfan(Configuration(("ApiKey", "ak-that-must-not-leak"), ("SecretKey", "sk-that-must-not-leak")));
        services.AddQianfan("second", Configuration(("V2ApiKey", "bce-v3/ALTAK-x/v2-secret-that-must-not-leak")));
        await using var provider = services.BuildServiceProvider();
        var logs = provider.GetFakeLogCollector();
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Message.StartsWith("Qianfan client ready", StringComparison.Ordinal));

        provider.GetRequiredService<IStartupValidator>().Validate();

        var ready = logs.GetSnapshot().Where(r => r.Message.StartsWith("Qianfan client ready", StringComparison.Ordinal)).Select(r => r.Message).ToList();
        Assert.Equal(2, ready.Count);
        Assert.Contains(
            "Qianfan client ready: V1 (chat, completions, embeddings, rerank, images, tokenizer): access tokens exchanged with the application's keys; "
            + "V2 (chat completions, embeddings, rerank, images, models): not configured (set QIANFAN_API_KEY (V2ApiKey), or QIANFAN_ACCESS_KEY and QIANFAN_SECRET_KEY (IamAccessKey, IamSecretKey))",
            ready);
        Assert.Contains(ready, l => l.Contains("V1 (chat, completions, embeddings, rerank, images, tokenizer): not configured (set QIANFAN_AK", StringComparison.Ordinal)
            && l.Contains("V2 (chat completions, embeddings, rerank, images, models): the V2 API key", StringComparison.Ordinal));
        Assert.All(ready, l => Assert.DoesNotContain("must-not-leak", l, StringComparison.Ordinal));
        Assert.Same(provider.GetRequiredService<QianfanClient>(), provider.GetRequiredService<QianfanClient>());
        Assert.Equal(2, logs.GetSnapshot().Count(r => r.Message.StartsWith("Qianfan client ready", StringComparison.Ordinal))); // made once, at start
    }

    [Fact]
    public void StartUp_WithBadCredentials_ReportsThemOnce()
    {
        var services = new ServiceCollection();
        services.AddQianfan(Configuration(("ApiKey", "ak-that-must-not-leak")));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Single(error.Failures, f => f.Contains("SecretKey (Qianfan:SecretKey, QIANFAN_SK) is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingSecretKey_FailsAtStartWithAMessageNamingTheKeyAndNoSecret()
    {
        var services = new ServiceCollection();
        services.AddQianfan(Configuration(("ApiKey", "ak-that-must-not-leak")));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("SecretKey (Qianfan:SecretKey, QIANFAN_SK) is missing", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ak-that-must-not-leak", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoCredentials_FailAtStartNamingEveryWayToGiveThem()
    {
        var services = new ServiceCollection();
        services.AddQianfan(Configuration(("Timeout", "00:00:10")));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("QIANFAN_AK", error.Message, StringComparison.Ordinal);
        Assert.Contains("Qianfan:AccessToken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadValues_FailAtStartNamingEachKey()
    {
        var services = new ServiceCollection();
        services.AddQianfan(Configuration(
            ("AccessToken", "token-that-must-not-leak"),
            ("Retry:MaxRetries", "-1"),
            ("RateLimits:QueriesPerSecond", "-5")));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Retry:MaxRetries (Qianfan:Retry:MaxRetries, QIANFAN_LLM_API_RETRY_COUNT) must be zero or more", error.Message, StringComparison.Ordinal);
        Assert.Contains("RateLimits:QueriesPerSecond (Qianfan:RateLimits:QueriesPerSecond, QIANFAN_QPS_LIMIT)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token-that-must-not-leak", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnvironmentVariables_AreReadAndConfigurationOverridesThem()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        using var environment = new EnvironmentVariables(
            ("QIANFAN_AK", emulator.ApiKey),
            ("QIANFAN_SK", emulator.SecretKey),
            ("QIANFAN_BASE_URL", "http://127.0.0.1:1"),
            ("QIANFAN_LLM_API_RETRY_COUNT", "7"),
            ("QIANFAN_QPS_LIMIT", "9"));
        var services = new ServiceCollection();
        services.AddQianfan(Configuration(("BaseUrl", emulator.BaseUrl)));
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<QianfanOptions>>().Value;
        Assert.Equal(7, options.Retry.MaxRetries);
        Assert.Equal(9, options.RateLimits.QueriesPerSecond);
        Assert.Equal(emulator.BaseUri, options.BaseUrl);

        var reply = await provider.GetRequiredService<ChatClient>().CompleteAsync(Ask("环境变量"));
        Assert.Contains("环境变量", reply.Result, StringComparison.Ordinal);
    }
}
