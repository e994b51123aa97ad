using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.DependencyInjection;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Redis;

namespace Qianfan.Sdk.Redis.Tests;

/// <summary>
/// One instance of an application in this process: its own service provider with <c>AddQianfan(…).UseRedis(…)</c>
/// against the emulator and Redis, its logs collected, and every request it sends marked with an
/// <c>X-Test-Instance</c> header so the emulator's recording tells the instances apart.
/// </summary>
internal sealed class FleetInstance : IAsyncDisposable
{
    public const string InstanceHeader = "X-Test-Instance";

    private readonly ServiceProvider _provider;

    public FleetInstance(string name, QianfanEmulator emulator, string redis, Action<QianfanOptions>? options = null, Action<QianfanRedisOptions>? configureRedis = null, bool iamKeys = false)
    {
        Name = name;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Information).AddFakeLogging());
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
        qianfan.UseRedis(redis, r =>
        {
            r.RetryInterval = TimeSpan.FromMilliseconds(500);
            configureRedis?.Invoke(r);
        });
        _provider = services.BuildServiceProvider();
        Client = _provider.GetRequiredService<QianfanClient>();
        Logs = _provider.GetFakeLogCollector();
    }

    public string Name { get; }

    public QianfanClient Client { get; }

    public FakeLogCollector Logs { get; }

    /// <summary>The Qianfan.Sdk.Redis records at <paramref name="level"/>.</summary>
    public IReadOnlyList<FakeLogRecord> RedisLogs(LogLevel level) =>
        [.. Logs.GetSnapshot().Where(r => r.Category == "Qianfan.Sdk.Redis" && r.Level == level)];

    public Task<ChatResponse> AskAsync(string text, CancellationToken cancellationToken = default) =>
        Client.Chat.CompleteAsync(new ChatRequest { Messages = { ChatMessage.User(text) } }, cancellationToken);

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
