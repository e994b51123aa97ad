using System.Globalization;

namespace Qianfan.Samples.Console.Cli;

/// <summary>
/// A command's arguments: <c>--name value</c> (or <c>--name=value</c>) options, <c>--flag</c> switches and
/// positional words (everything after <c>--</c> is positional). Each command says which options it takes; anything
/// else is a <see cref="CliUsageException"/>.
/// </summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CliArguments()
    {
    }

    /// <summary>The words that are not options, in order.</summary>
    public IReadOnlyList<string> Positional { get; private set; } = [];

    /// <summary>Whether <c>-h</c> or <c>--help</c> was given.</summary>
    public bool Help => _flags.Contains("--help");

    /// <summary>Parses <paramref name="args"/> taking the named <paramref name="flags"/> and valued <paramref name="options"/>.</summary>
    public static CliArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> flags, IReadOnlyCollection<string> options)
    {
        var parsed = new CliArguments();
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                parsed._flags.Add("--help");
                continue;
            }

            if (arg == "--")
            {
                positional.AddRange(args.Skip(i + 1));
                break;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                positional.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            if (flags.Contains(name))
            {
                if (equals >= 0)
                {
                    throw new CliUsageException($"{name} takes no value");
                }

                parsed._flags.Add(name);
            }
            else if (options.Contains(name))
            {
                var value = equals >= 0 ? arg[(equals + 1)..]
                    : i + 1 < args.Count ? args[++i]
                    : throw new CliUsageException($"{name} expects a value");
                if (!parsed._values.TryGetValue(name, out var list))
                {
                    parsed._values[name] = list = [];
                }

                list.Add(value);
            }
            else
            {
                throw new CliUsageException($"unknown option '{name}'");
            }
        }

        parsed.Positional = positional;
        return parsed;
    }

    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>The option's last value, or null when not given.</summary>
    public string? String(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    /// <summary>Every value of a repeatable option, in order.</summary>
    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    /// <summary>One of <paramref name="allowed"/>, or <paramref name="fallback"/> when not given.</summary>
    public string Choice(string name, string fallback, params string[] allowed) => String(name) switch
    {
        null => fallback,
        var value when allowed.Contains(value, StringComparer.Ordinal) => value,
        var value => throw new CliUsageException($"{name} expects {string.Join(" or ", allowed)}, got '{value}'"),
    };

    public float? Float(string name) => String(name) is not { } text ? null
        : float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw new CliUsageException($"{name} expects a number, got '{text}'");

    public int? Int(string name) => String(name) is not { } text ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new CliUsageException($"{name} expects an integer, got '{text}'");
}
