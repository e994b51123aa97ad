using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qianfan.Samples.Console.Cli;
using Qianfan.Sdk.DashScope;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Samples.Console.Commands.DashScope;

/// <summary>
/// A command's connection to DashScope: the key and settings from <c>DASHSCOPE_API_KEY</c>,
/// <c>DASHSCOPE_HTTP_BASE_URL</c> and <c>DASHSCOPE_REGION</c>, or, with no key set, the offline emulator started in this
/// process. <c>--verbose</c> logs HTTP activity to stderr, the key never included.
/// </summary>
internal sealed class DashScopeSession : IAsyncDisposable
{
    public const string Environment = """
        environment (--platform dashscope):
          DASHSCOPE_API_KEY       the API key (sk-...) of the region the client talks to
          DASHSCOPE_REGION        china (default), international or finance
          DASHSCOPE_HTTP_BASE_URL the native API's base URL (overrides the region), e.g. a proxy
          With no DASHSCOPE_API_KEY set, an offline emulator is started and used.
        """;

    private readonly QianfanEmulator? _emulator;
    private readonly ILoggerFactory _loggers;

    private DashScopeSession(DashScopeClient client, QianfanEmulator? emulator, ILoggerFactory loggers)
    {
        Client = client;
        _emulator = emulator;
        _loggers = loggers;
    }

    public DashScopeClient Client { get; }

    /// <summary>Whether the session talks to the emulator started in this process (it stops with the session).</summary>
    public bool IsEmulated => _emulator is not null;

    public static async Task<DashScopeSession> OpenAsync(bool verbose, CliConsole console, CancellationToken cancellationToken)
    {
        var options = DashScopeOptions.FromEnvironment();
        var credentials = DashScopeCredentials.FromEnvironment();
        var loggers = verbose
            ? LoggerFactory.Create(logging => logging
                .SetMinimumLevel(LogLevel.Debug)
                .AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace)
                .AddSimpleConsole(c => c.SingleLine = true)
                .AddFilter("Microsoft", LogLevel.Warning))
            : NullLoggerFactory.Instance;

        QianfanEmulator? emulator = null;
        try
        {
            if (string.IsNullOrEmpty(credentials.ApiKey))
            {
                emulator = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions(), cancellationToken).ConfigureAwait(false);
                options.BaseUrl = emulator.DashScopeBaseUri;
                credentials.ApiKey = emulator.DashScopeApiKey;
                await console.Error.WriteLineAsync($"notice: no DashScope API key is set (DASHSCOPE_API_KEY); using the offline emulator at {emulator.DashScopeBaseUri}").ConfigureAwait(false);
            }
            else if (verbose)
            {
                await console.Error.WriteLineAsync($"notice: authenticating with DASHSCOPE_API_KEY at {options.EffectiveBaseUrl}").ConfigureAwait(false);
            }

            return new DashScopeSession(new DashScopeClient(credentials, options, loggerFactory: loggers), emulator, loggers);
        }
        catch
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
            }

            loggers.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync().ConfigureAwait(false);
        }

        _loggers.Dispose();
    }
}
