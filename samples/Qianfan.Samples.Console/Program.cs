using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qianfan.Samples.Console;
using Qianfan.Sdk;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Models;

Console.OutputEncoding = Encoding.UTF8;
Console.InputEncoding = Encoding.UTF8;

CliOptions cli;
QianfanOptions options;
QianfanCredentials credentials;
try
{
    cli = CliParser.Parse(args);
    options = QianfanOptions.FromEnvironment();
    credentials = QianfanCredentials.FromEnvironment();
}
catch (Exception ex) when (ex is CliUsageException or ArgumentException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    Console.Error.WriteLine($"run '{CommandName.Current} --help' for usage");
    return ChatCommand.InvalidInput;
}

if (cli.Help)
{
    Console.WriteLine(CliParser.Usage);
    return ChatCommand.Success;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

using var loggerFactory = cli.Verbose
    ? LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Debug)
        .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(console => console.SingleLine = true)
        .AddFilter("Microsoft", LogLevel.Warning))
    : NullLoggerFactory.Instance;

QianfanEmulator? emulator = null;
try
{
    // Only a run with no credential at all uses the emulator; a half-given pair is reported, not replaced.
    var anyCredential = new[] { credentials.ApiKey, credentials.SecretKey, credentials.AccessToken, credentials.IamAccessKey, credentials.IamSecretKey, credentials.V2ApiKey }
        .Any(value => !string.IsNullOrEmpty(value));
    if (!anyCredential)
    {
        var emulatorOptions = new QianfanEmulatorOptions();
        if (cli.Endpoint is { } endpoint)
        {
            emulatorOptions.CustomEndpoints.Add(ModelSpec.ForCustomEndpoint(endpoint));
        }

        emulator = await QianfanEmulator.StartAsync(emulatorOptions, cancellation.Token);
        options.BaseUrl = emulator.BaseUri;
        options.V2BaseUrl = emulator.BaseUri;
        credentials.ApiKey = emulator.ApiKey;
        credentials.SecretKey = emulator.SecretKey;
        credentials.V2ApiKey = emulator.V2ApiKey;
        Console.Error.WriteLine($"notice: no Qianfan credentials are set; chatting with the offline Qianfan emulator at {emulator.BaseUrl}");
    }
    else if (cli.Verbose)
    {
        Console.Error.WriteLine($"notice: authenticating with {CredentialSource.Describe(credentials, cli.Api)}");
    }

    using var client = new QianfanClient(credentials, options, loggerFactory: loggerFactory);
    var command = new ChatCommand(client, cli, Console.In, Console.Out, Console.Error);
    return await command.RunAsync(cancellation.Token);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return ChatCommand.InvalidInput;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("cancelled");
    return ChatCommand.ServiceFailure;
}
finally
{
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
    }
}
