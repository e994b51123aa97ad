using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Resilience;

/// <summary>An emulator and a client pointed at it, with retry waits short enough for tests.</summary>
internal sealed class ResilienceHarness : IAsyncDisposable
{
    private ResilienceHarness(QianfanEmulator emulator, QianfanClient client, FakeLogCollector logs)
    {
        Emulator = emulator;
        Client = client;
        Logs = logs;
    }

    public QianfanEmulator Emulator { get; }

    public QianfanClient Client { get; }

    /// <summary>Every log record the client wrote, Trace and up.</summary>
    public FakeLogCollector Logs { get; }

    public static async Task<ResilienceHarness> StartAsync(Action<QianfanOptions>? configure = null, Action<QianfanCredentials>? credentials = null)
    {
        var emulator = await QianfanEmulator.StartAsync();
        var keys = new QianfanCredentials { ApiKey = emulator.ApiKey, SecretKey = emulator.SecretKey };
        credentials?.Invoke(keys);
        var options = new QianfanOptions
        {
            BaseUrl = emulator.BaseUri,
            Timeout = TimeSpan.FromSeconds(10),
            Retry = new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(100) },
        };
        configure?.Invoke(options);
        var logs = new FakeLogCollector();
        var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        return new ResilienceHarness(emulator, new QianfanClient(keys, options, loggerFactory: loggerFactory), logs);
    }

    public static ChatRequest Ask(string message) => new() { Messages = { ChatMessage.User(message) } };

    public int ChatAttempts => Emulator.Requests.Count(r => r.IsChat);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
