using System.Globalization;
using Qianfan.Sdk.Emulator.Hosting;

namespace Qianfan.Sdk.Emulator.CommandLine;

/// <summary>Parses the standalone server's arguments; kept apart from <c>Main</c> so it can be tested.</summary>
internal static class EmulatorCommandLine
{
    private const string Options = $"""
        Qianfan emulator: an offline look-alike of Baidu Qianfan's service (V1 and V2), Alibaba DashScope's
        native API (Qwen, Wanx) and Zhipu AI's API v4 (GLM, CogView) on loopback.

        Usage: qianfan-emulator [options]
           or, from a clone of the repository: dotnet run --project src/Qianfan.Sdk.Emulator -- [options]

        Options:
          --host <address>       IP address to listen on (default 127.0.0.1; 'localhost' means 127.0.0.1)
          --port <number>        TCP port (default 0: the OS chooses a free port)
          --api-key <key>        API Key (client_id) to accept (default emulator-api-key)
          --secret-key <key>     Secret Key (client_secret) to accept (default emulator-secret-key)
          --iam-access-key <ak>  IAM Access Key for bce-auth-v1 signed calls (default emulator-iam-access-key)
          --iam-secret-key <sk>  IAM Secret Key for bce-auth-v1 signed calls (default emulator-iam-secret-key)
          --v2-api-key <key>     V2 API key to accept as Authorization: Bearer (default {QianfanEmulatorOptions.DefaultV2ApiKey})
          --dashscope-api-key <key>
                                 DashScope API key to accept on /api/v1 (default {QianfanEmulatorOptions.DefaultDashScopeApiKey})
          --zhipu-api-key <id.secret>
                                 Zhipu API key to accept on /api/paas/v4, itself or as a JWT's key
                                 (default {QianfanEmulatorOptions.DefaultZhipuApiKey})
          --verbose              log every request to the console
          -h, --help             show this help

        On start it prints its URL and every credential it accepts; stop it with Ctrl+C.
        """;

    /// <summary>The help: the options, then every route served (<see cref="EmulatorRoutes"/>).</summary>
    public static string Usage { get; } =
        Options + "\n\nRoutes:\n" + string.Join("\n", EmulatorRoutes.Lines.Select(line => "  " + line));

    public static EmulatorCommand Parse(IReadOnlyList<string> args)
    {
        var options = new QianfanEmulatorOptions();
        var verbose = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help" or "-?":
                    return new EmulatorCommand(options, ShowHelp: true, verbose, Error: null);
                case "--verbose":
                    verbose = true;
                    continue;
                case "--host" or "--port" or "--api-key" or "--secret-key" or "--iam-access-key" or "--iam-secret-key" or "--v2-api-key" or "--dashscope-api-key" or "--zhipu-api-key":
                    if (i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]))
                    {
                        return Fail(options, $"{arg} needs a value.");
                    }

                    var value = args[++i];
                    var error = Apply(options, arg, value);
                    if (error is not null)
                    {
                        return Fail(options, error);
                    }

                    continue;
                default:
                    return Fail(options, $"Unknown argument '{arg}'.");
            }
        }

        return new EmulatorCommand(options, ShowHelp: false, verbose, Error: null);
    }

    private static string? Apply(QianfanEmulatorOptions options, string name, string value)
    {
        switch (name)
        {
            case "--host":
                options.Host = value;
                return null;
            case "--api-key":
                options.ApiKey = value;
                return null;
            case "--secret-key":
                options.SecretKey = value;
                return null;
            case "--iam-access-key":
                options.IamAccessKey = value;
                return null;
            case "--iam-secret-key":
                options.IamSecretKey = value;
                return null;
            case "--v2-api-key":
                options.V2ApiKey = value;
                return null;
            case "--dashscope-api-key":
                options.DashScopeApiKey = value;
                return null;
            case "--zhipu-api-key":
                options.ZhipuApiKey = value;
                return null;
            default:
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                {
                    return $"--port must be a number from 0 to 65535, was '{value}'.";
                }

                options.Port = port;
                return null;
        }
    }

    private static EmulatorCommand Fail(QianfanEmulatorOptions options, string error) =>
        new(options, ShowHelp: false, Verbose: false, error);
}
