using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.DashScope;
using Qianfan.Sdk.DashScope.DependencyInjection;
using Qianfan.Sdk.DashScope.Generation;
using Qianfan.Sdk.DependencyInjection;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Redis;
using Qianfan.Sdk.Zhipu;
using Qianfan.Sdk.Zhipu.DependencyInjection;
using ZhipuChat = Qianfan.Sdk.Zhipu.Chat;

namespace Qianfan.Sdk.Redis.Tests;

/// <summary>
/// One instance of an application in this process: its own service provider with <c>AddQianfan(…).UseRedis(…)</c>
/// (or <c>AddDashScope(…).UseRedis(…)</c>, <see cref="DashScope"/>; <c>AddZhipu(…).UseRedis(…)</c>, <see cref="Zhipu"/>) against the emulator and Redis, its logs collected,
/// and every request it sends marked with an <c>X-Test-Instance</c> header so the emulator's recording tells the
/// instances apart.
/// </summary>
internal sealed class FleetInstance : IAsyncDisposable
{
    public const string InstanceHeader = "X-Test-Instance";

    private readonly ServiceProvider _provider;
    private readonly Func<IServiceProvider, string, CancellationToken, Task> _send;

    public FleetInstance(string name, QianfanEmulator emulator, string redis, Action<QianfanOptions>? options = null, Action<QianfanRedisOptions>? configureRedis = null, bool iamKeys = false)
        : this(name, services =>
        {
            var qianfan = services.AddQianfan(
                c =>
                {
                    if (iamKeys)
                    {
                        c.IamAccessKey = emulator.IamAccessKey;
                        c.IamSecretKey = emulator.IamSecretKey;
                    }
                    else
                    {
                        c.ApiKey = emulator.ApiKey;
                        c.SecretKey = emulator.SecretKey;
                    }
                },
                o =>
                {
                    o.BaseUrl = emulator.BaseUri;
                    o.V2BaseUrl = emulator.BaseUri;
                    o.IamBaseUrl = emulator.BaseUri;
                    o.Retry.BaseDelay = TimeSpan.FromMilliseconds(50);
                    options?.Invoke(o);
                });
            qianfan.HttpClient.ConfigureHttpClient(http => http.DefaultRequestHeaders.Add(InstanceHeader, name));
            qianfan.UseRedis(redis, r => Configure(r, configureRedis));
        },
        static (provider, text, cancellationToken) => Ask(provider.GetRequiredService<QianfanClient>(), text, cancellationToken))
    {
        Client = _provider.GetRequiredService<QianfanClient>();
    }

    private FleetInstance(string name, Action<IServiceCollection> register, Func<IServiceProvider, string, CancellationToken, Task> send)
    {
        Name = name;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Information).AddFakeLogging());
        register(services);
        _provider = services.BuildServiceProvider();
        _send = send;
        Client = null!;
        Logs = _provider.GetFakeLogCollector();
    }

    public string Name { get; }

    /// <summary>The instance's Qianfan client (null for a DashScope instance).</summary>
    public QianfanClient Client { get; }

    public FakeLogCollector Logs { get; }

    /// <summary>An instance whose client is DashScope's: <c>AddDashScope(…).UseRedis(…)</c> against the emulator's DashScope routes.</summary>
    public static FleetInstance DashScope(string name, QianfanEmulator emulator, string redis, Action<DashScopeOptions>? options = null, Action<QianfanRedisOptions>? configureRedis = null)
    {
        var instance = new FleetInstance(
            name,
            services =>
            {
                var dashScope = services.AddDashScope(
                    c => c.ApiKey = emulator.DashScopeApiKey,
                    o =>
                    {
                        o.BaseUrl = emulator.DashScopeBaseUri;
                        o.Retry.BaseDelay = TimeSpan.FromMilliseconds(50);
                        options?.Invoke(o);
                    });
                dashScope.HttpClient.ConfigureHttpClient(http => http.DefaultRequestHeaders.Add(InstanceHeader, name));
                dashScope.UseRedis(redis, r => Configure(r, configureRedis));
            },
            static (provider, text, cancellationToken) => Generate(provider.GetRequiredService<DashScopeClient>(), text, cancellationToken));
        _ = instance._provider.GetRequiredService<DashScopeClient>();
        return instance;
    }

    /// <summary>An instance whose client is Zhipu's: <c>AddZhipu(…).UseRedis(…)</c> against the emulator's Zhipu routes, the key sent as a JWT.</summary>
    public static FleetInstance Zhipu(string name, QianfanEmulator emulator, string redis, Action<ZhipuOptions>? options = null, Action<QianfanRedisOptions>? configureRedis = null)
    {
        var instance = new FleetInstance(
            name,
            services =>
            {
                var zhipu = services.AddZhipu(
                    c => c.ApiKey = emulator.ZhipuApiKey,
                    o =>
                    {
                        o.BaseUrl = emulator.ZhipuBaseUri;
                        o.Authentication = ZhipuAuthentication.Jwt;
                        o.Retry.BaseDelay = TimeSpan.FromMilliseconds(50);
                        options?.Invoke(o);
                    });
                zhipu.HttpClient.ConfigureHttpClient(http => http.DefaultRequestHeaders.Add(InstanceHeader, name));
                zhipu.UseRedis(redis, r => Configure(r, configureRedis));
            },
            static (provider, text, cancellationToken) => Chat(provider.GetRequiredService<ZhipuClient>(), text, cancellationToken));
        _ = instance._provider.GetRequiredService<ZhipuClient>();
        return instance;
    }

    /// <summary>The Qianfan.Sdk.Redis records at <paramref name="level"/>.</summary>
    public IReadOnlyList<FakeLogRecord> RedisLogs(LogLevel level) =>
        [.. Logs.GetSnapshot().Where(r => r.Category == "Qianfan.Sdk.Redis" && r.Level == level)];

    public Task<ChatResponse> AskAsync(string text, CancellationToken cancellationToken = default) => Ask(Client, text, cancellationToken);

    /// <summary>One call of the instance's platform: a V1 chat (Qianfan), a generation (DashScope) or a GLM chat (Zhipu).</summary>
    public Task SendAsync(string text, CancellationToken cancellationToken = default) => _send(_provider, text, cancellationToken);

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private static void Configure(QianfanRedisOptions redis, Action<QianfanRedisOptions>? configure)
    {
        redis.RetryInterval = TimeSpan.FromMilliseconds(500);
        configure?.Invoke(redis);
    }

    private static Task<ChatResponse> Ask(QianfanClient client, string text, CancellationToken cancellationToken) =>
        client.Chat.CompleteAsync(new ChatRequest { Messages = { ChatMessage.User(text) } }, cancellationToken);

    private static Task<GenerationResponse> Generate(DashScopeClient client, string text, CancellationToken cancellationToken) =>
        client.Generation.CompleteAsync(new GenerationRequest("qwen-plus") { Prompt = text }, cancellationToken);

    private static Task<ZhipuChat.ChatCompletion> Chat(ZhipuClient client, string text, CancellationToken cancellationToken) =>
        client.Chat.CompleteAsync(new ZhipuChat.ChatCompletionRequest("glm-4-flash") { Messages = { ZhipuChat.ChatMessage.User(text) } }, cancellationToken);
}
