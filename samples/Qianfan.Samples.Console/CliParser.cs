using System.Globalization;

namespace Qianfan.Samples.Console;

/// <summary>Parses <c>chat [options] [MESSAGE]</c>; a mistake is a <see cref="CliUsageException"/> (exit code 2).</summary>
internal static class CliParser
{
    public const string Usage = """
        usage: qianfan-chat chat [options] [MESSAGE]

        With MESSAGE, sends it once and prints the reply. Without, reads one message per line from stdin
        (until EOF or 'exit') and keeps the conversation's history.

        options:
          --model NAME            model name (default ERNIE-Lite-8K)
          --endpoint SUFFIX       a custom service's API path (overrides --model)
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
          QIANFAN_AK, QIANFAN_SK  the application's API Key and Secret Key
          QIANFAN_ACCESS_TOKEN    a ready access token (instead of QIANFAN_AK / QIANFAN_SK)
          QIANFAN_BASE_URL        default https://aip.baidubce.com
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
