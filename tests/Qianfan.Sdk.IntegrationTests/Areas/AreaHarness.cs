using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Areas;

/// <summary>An emulator and one client with V1 and V2 credentials pointed at it, logging everything to a collector.</summary>
internal sealed class AreaHarness : IAsyncDisposable
{
    private AreaHarness(QianfanEmulator emulator, QianfanClient client, FakeLogCollector logs)
    {
        Emulator = emulator;
        Client = client;
        Logs = logs;
    }

    public QianfanEmulator Emulator { get; }

    public QianfanClient Client { get; }

    public FakeLogCollector Logs { get; }

    public static async Task<AreaHarness> StartAsync(QianfanEmulatorOptions? emulatorOptions = null, Action<QianfanOptions>? configure = null, TimeProvider? clock = null)
    {
        var emulator = await QianfanEmulator.StartAsync(emulatorOptions ?? new QianfanEmulatorOptions());
        var options = new QianfanOptions
        {
            BaseUrl = emulator.BaseUri,
            V2BaseUrl = emulator.BaseUri,
            Timeout = TimeSpan.FromSeconds(10),
            Retry = new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(100) },
        };
        configure?.Invoke(options);
        var logs = new FakeLogCollector();
        var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        var credentials = new QianfanCredentials { ApiKey = emulator.ApiKey, SecretKey = emulator.SecretKey, V2ApiKey = emulator.V2ApiKey };
        return new AreaHarness(emulator, new QianfanClient(credentials, options, loggerFactory: loggerFactory, timeProvider: clock), logs);
    }

    /// <summary>The requests the emulator received on a path ending with <paramref name="suffix"/>.</summary>
    public List<RecordedRequest> RequestsTo(string suffix) =>
        [.. Emulator.Requests.Where(r => r.Path.EndsWith(suffix, StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
