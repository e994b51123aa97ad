using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Emulator.CommandLine;
using Qianfan.Sdk.Emulator.Hosting;

namespace Qianfan.Sdk.Emulator;

/// <summary>
/// The standalone server (the .NET tool <c>qianfan-emulator</c>, or <c>dotnet run --project src/Qianfan.Sdk.Emulator --</c>):
/// <c>--port 8080</c> prints the base URL, every accepted credential and the routes, then serves until Ctrl+C.
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
            Console.WriteLine(Banner(emulator));
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

        static string Banner(QianfanEmulator emulator)
        {
            var url = emulator.BaseUrl;
            return $"""
                Qianfan emulator listening on {url}

                Credentials it accepts:
                  API Key / Secret Key (V1, OAuth token exchange):  {emulator.ApiKey} / {emulator.SecretKey}
                  IAM Access Key / Secret Key (bce-auth-v1):        {emulator.IamAccessKey} / {emulator.IamSecretKey}
                  V2 API key (Authorization: Bearer):               {emulator.V2ApiKey}
                  DashScope API key (Authorization: Bearer):        {emulator.DashScopeApiKey}
                  Zhipu API key (Bearer, itself or as a JWT):       {emulator.ZhipuApiKey}

                Routes:
                {string.Join("\n", EmulatorRoutes.Lines.Select(line => "  " + line))}

                For the SDK and the qianfan CLI:
                  QIANFAN_BASE_URL={url} QIANFAN_V2_BASE_URL={url} QIANFAN_IAM_BASE_URL={url}
                  QIANFAN_AK={emulator.ApiKey} QIANFAN_SK={emulator.SecretKey}   (V1)
                  QIANFAN_API_KEY={emulator.V2ApiKey}   (V2)
                  DASHSCOPE_HTTP_BASE_URL={emulator.DashScopeBaseUri} DASHSCOPE_API_KEY={emulator.DashScopeApiKey}   (DashScope)
                  ZHIPUAI_BASE_URL={emulator.ZhipuBaseUri} ZHIPUAI_API_KEY={emulator.ZhipuApiKey}   (Zhipu)
                """;
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
