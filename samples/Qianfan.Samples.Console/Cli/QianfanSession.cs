using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qianfan.Sdk;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Models;

namespace Qianfan.Samples.Console.Cli;

/// <summary>
/// A command's connection to Qianfan: credentials and settings from the <c>QIANFAN_*</c> variables, or, when no
/// credential at all is set, the offline emulator started in this process (a half-given pair is reported, not
/// replaced). <c>--verbose</c> logs HTTP activity to stderr, secrets never included.
/// </summary>
internal sealed class QianfanSession : IAsyncDisposable
{
    private readonly QianfanEmulator? _emulator;
    private readonly ILoggerFactory _loggers;

    private QianfanSession(QianfanClient client, QianfanEmulator? emulator, ILoggerFactory loggers)
    {
        Client = client;
        _emulator = emulator;
        _loggers = loggers;
    }

    public QianfanClient Client { get; }

    /// <summary>Whether the session talks to the emulator started in this process (it stops with the session).</summary>
    public bool IsEmulated => _emulator is not null;

    /// <summary>Opens the session, starting the emulator when no credential is set.</summary>
    /// <param name="api"><c>v1</c> or <c>v2</c>, for the verbose notice naming the credentials used.</param>
    /// <param name="verbose">Whether to log HTTP activity to stderr.</param>
    /// <param name="customEndpoint">A V1 custom service the emulator should serve, when it is used.</param>
    /// <param name="console">Where notices go.</param>
    /// <param name="cancellationToken">Stops the emulator's start.</param>
    public static async Task<QianfanSession> OpenAsync(string api, bool verbose, string? customEndpoint, CliConsole console, CancellationToken cancellationToken)
    {
        var options = QianfanOptions.FromEnvironment();
        var credentials = QianfanCredentials.FromEnvironment();
        var loggers = VerboseLogging.Create(verbose);

        QianfanEmulator? emulator = null;
        try
        {
            if (new[] { credentials.ApiKey, credentials.SecretKey, credentials.AccessToken, credentials.IamAccessKey, credentials.IamSecretKey, credentials.V2ApiKey }.All(string.IsNullOrEmpty))
            {
                var emulatorOptions = new QianfanEmulatorOptions();
                if (customEndpoint is not null)
                {
                    emulatorOptions.CustomEndpoints.Add(ModelSpec.ForCustomEndpoint(customEndpoint));
                }

                emulator = await QianfanEmulator.StartAsync(emulatorOptions, cancellationToken).ConfigureAwait(false);
                options.BaseUrl = emulator.BaseUri;
                options.V2BaseUrl = emulator.BaseUri;
                credentials.ApiKey = emulator.ApiKey;
                credentials.SecretKey = emulator.SecretKey;
                credentials.V2ApiKey = emulator.V2ApiKey;
                await console.Error.WriteLineAsync($"notice: no Qianfan credentials are set; using the offline Qianfan emulator at {emulator.BaseUrl}").ConfigureAwait(false);
            }
            else if (verbose)
            {
                await console.Error.WriteLineAsync($"notice: authenticating with {CredentialSource.Describe(credentials, api)}").ConfigureAwait(false);
            }

            return new QianfanSession(new QianfanClient(credentials, options, loggerFactory: loggers), emulator, loggers);
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
