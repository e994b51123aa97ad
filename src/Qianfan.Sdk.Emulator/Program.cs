using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Emulator.CommandLine;

namespace Qianfan.Sdk.Emulator;

/// <summary>
/// The standalone server: <c>dotnet run --project src/Qianfan.Sdk.Emulator -- --port 8080</c> prints the base URL and
/// the accepted credentials, then serves until Ctrl+C.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var command = EmulatorCommandLine.Parse(args);
        if (command.Error is not null)
        {
            await Console.Error.WriteLineAsync(command.Error).ConfigureAwait(false);
            await Console.Error.WriteLineAsync(EmulatorCommandLine.Usage).ConfigureAwait(false);
            return 2;
        }

        if (command.ShowHelp)
        {
            Console.WriteLine(EmulatorCommandLine.Usage);
            return 0;
        }

        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var loggerFactory = command.Verbose ? LoggerFactory.Create(logging => logging.AddSimpleConsole()) : null;
        command.Options.LoggerFactory = loggerFactory;

        QianfanEmulator emulator;
        try
        {
            emulator = await QianfanEmulator.StartAsync(command.Options, stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"Could not start the emulator: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (emulator.ConfigureAwait(false))
        {
            Console.WriteLine($"Qianfan emulator listening on {emulator.BaseUrl}");
            Console.WriteLine($"API Key:    {emulator.ApiKey}");
            Console.WriteLine($"Secret Key: {emulator.SecretKey}");
            Console.WriteLine($"IAM AK/SK:  {emulator.IamAccessKey} / {emulator.IamSecretKey} (bce-auth-v1 signed calls)");
            Console.WriteLine($"Token:      POST {emulator.BaseUrl}/oauth/2.0/token?grant_type=client_credentials&client_id=...&client_secret=...");
            Console.WriteLine($"Chat:       POST {emulator.BaseUrl}/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/{{endpoint}}?access_token=...");
            Console.WriteLine($"Also V1:    POST .../wenxinworkshop/{{completions,embeddings,reranker,text2image,tokenizer}}/{{endpoint}}?access_token=...");
            Console.WriteLine($"V2:         POST {emulator.BaseUrl}/v2/{{chat/completions,embeddings,rerankers,images/generations}} (Authorization: Bearer {emulator.V2ApiKey})");
            Console.WriteLine("Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("Stopping.");
            }
        }

        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
