using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Samples.Console.Cli;

/// <summary>
/// A command's connection to one platform other than Qianfan (DashScope, Zhipu): the platform's client over its
/// environment variables, or, with no key set, over the offline emulator started in this process (a notice on stderr
/// says so). <c>--verbose</c> logs HTTP activity to stderr, the key never included. The platform's own file says how
/// to read its environment and make its client; the rest is here, once.
/// </summary>
internal sealed class PlatformSession<TClient> : IAsyncDisposable
    where TClient : IDisposable
{
    private readonly QianfanEmulator? _emulator;
    private readonly ILoggerFactory _loggers;

    private PlatformSession(TClient client, QianfanEmulator? emulator, ILoggerFactory loggers)
    {
        Client = client;
        _emulator = emulator;
        _loggers = loggers;
    }

    public TClient Client { get; }

    /// <summary>Whether the session talks to the emulator started in this process (it stops with the session).</summary>
    public bool IsEmulated => _emulator is not null;

    /// <summary>Opens a session.</summary>
    /// <param name="platform">How the platform is reached.</param>
    /// <param name="verbose">Whether to log HTTP activity to stderr.</param>
    /// <param name="console">Where notices go.</param>
    /// <param name="cancellationToken">Cancels the emulator's start.</param>
    public static async Task<PlatformSession<TClient>> OpenAsync(PlatformConnection<TClient> platform, bool verbose, CliConsole console, CancellationToken cancellationToken)
    {
        var loggers = VerboseLogging.Create(verbose);
        QianfanEmulator? emulator = null;
        try
        {
            if (!platform.HasKey)
            {
                emulator = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions(), cancellationToken).ConfigureAwait(false);
                await console.Error.WriteLineAsync($"notice: no {platform.Name} API key is set ({platform.KeyVariable}); using the offline emulator at {platform.EmulatorBaseUri(emulator)}").ConfigureAwait(false);
            }
            else if (verbose)
            {
                await console.Error.WriteLineAsync($"notice: authenticating with {platform.KeyVariable} at {platform.BaseUri}").ConfigureAwait(false);
            }

            return new PlatformSession<TClient>(platform.Create(emulator, loggers), emulator, loggers);
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
