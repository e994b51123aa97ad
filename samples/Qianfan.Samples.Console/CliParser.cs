using System.Globalization;

namespace Qianfan.Samples.Console;

/// <summary>Parses <c>chat [options] [MESSAGE]</c>; a mistake is a <see cref="CliUsageException"/> (exit code 2).</summary>
internal static class CliParser
{
    public const string Usage = """
        usage: qianfan chat [options] [MESSAGE]
           or, from a clone of the repository: dotnet run --project samples/Qianfan.Samples.Console -- chat [options] [MESSAGE]

        With MESSAGE, sends it once and prints the reply. Without, reads one message per line from stdin
        (until EOF or 'exit') and keeps the conversation's history.

        options:
          --api v1|v2             the V1 chat API (default) or the V2 OpenAI-compatible one
          --model NAME            model name (default ERNIE-Lite-8K; on v2 ernie-lite-8k)
          --endpoint SUFFIX       a custom service's API path (v1; overrides --model)
          --stream                print the reply as it arrives
          --system TEXT           the persona
          --temperature X         (0, 1]
          --top-p X               [0, 1]
          --penalty-score X       [1, 2]
          --max-output-tokens N   [2, 2048]
          --stop S                a stop sequence (repeatable, at most 4)
          --user-id ID            the end user's id
          --verbose               log HTTP activity to stderr (secrets redacted)
          -h, --help              this text

        environment:
          QIANFAN_AK, QIANFAN_SK  the application's API Key and Secret Key (v1)
          QIANFAN_ACCESS_KEY, QIANFAN_SECRET_KEY
                                  IAM keys: v1 calls are signed, v2 gets a bearer token;
                                  they win over QIANFAN_AK / QIANFAN_SK
          QIANFAN_ACCESS_TOKEN    a ready access token (v1)
          QIANFAN_API_KEY         a V2 API key (bce-v3/ALTAK-...)
          QIANFAN_BASE_URL        default https://aip.baidubce.com
          QIANFAN_V2_BASE_URL     default https://qianfan.baidubce.com
          QIANFAN_IAM_BASE_URL    default https://iam.bj.baidubce.com
          With no credentials set, an offline emulator is started and used.
        """;

    public static CliOptions Parse(IReadOnlyList<string> args)
    {
        var options = new CliOptions();
        if (args.Count == 0)
        {
            throw new CliUsageException("missing command: expected 'chat'");
        }

        if (args[0] is "-h" or "--help")
        {
            options.Help = true;
            return options;
        }

        if (args[0] != "chat")
        {
            throw new CliUsageException($"unknown command '{args[0]}': expected 'chat'");
        }

        var positional = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help": options.Help = true; break;
                case "--stream": options.Stream = true; break;
                case "--verbose": options.Verbose = true; break;
                case "--model": options.Model = Value(args, ref i); break;
                case "--api":
                    options.Api = Value(args, ref i) is ("v1" or "v2") and var api
                        ? api
                        : throw new CliUsageException("--api expects v1 or v2");
                    break;
                case "--endpoint": options.Endpoint = Value(args, ref i); break;
                case "--system": options.System = Value(args, ref i); break;
                case "--user-id": options.UserId = Value(args, ref i); break;
                case "--stop": options.Stop.Add(Value(args, ref i)); break;
                case "--temperature": options.Temperature = Float(args, ref i); break;
                case "--top-p": options.TopP = Float(args, ref i); break;
                case "--penalty-score": options.PenaltyScore = Float(args, ref i); break;
                case "--max-output-tokens": options.MaxOutputTokens = Int(args, ref i); break;
                case "--":
                    positional.AddRange(args.Skip(i + 1));
                    i = args.Count;
                    break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new CliUsageException($"unknown option '{arg}'");
                    }

                    positional.Add(arg);
                    break;
            }
        }

        if (positional.Count > 1)
        {
            throw new CliUsageException("expected at most one MESSAGE; quote a message that has spaces");
        }

        if (options.Api == "v2" && options.Endpoint is not null)
        {
            throw new CliUsageException("--endpoint is a V1 custom service path; it does not apply with --api v2");
        }

        options.Message = positional.Count == 1 ? positional[0] : null;
        return options;
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new CliUsageException($"{args[i]} expects a value");
        }

        return args[++i];
    }

    private static float Float(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        var text = Value(args, ref i);
        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CliUsageException($"{name} expects a number, got '{text}'");
    }

    private static int Int(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        var text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CliUsageException($"{name} expects an integer, got '{text}'");
    }
}
