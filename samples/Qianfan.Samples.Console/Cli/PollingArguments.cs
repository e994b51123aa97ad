using System.Globalization;
using Qianfan.Sdk.Core;

namespace Qianfan.Samples.Console.Cli;

/// <summary>
/// <c>--interval</c> and <c>--timeout</c>: how a command waits for an asynchronous task (any platform's), read into
/// Core's <see cref="TaskPollingOptions"/>; neither given leaves the client's own.
/// </summary>
internal static class PollingArguments
{
    /// <summary>The valued options of a wait.</summary>
    public static readonly string[] Options = ["--interval", "--timeout"];

    public const string Usage = """
          --interval SECONDS      the wait between polls (default 2, growing to 10)
          --timeout SECONDS       how long to wait in all (default 600)
        """;

    /// <summary>The polling the arguments ask for; null when they ask for none.</summary>
    public static TaskPollingOptions? From(CliArguments arguments)
    {
        var interval = Seconds(arguments, "--interval");
        var timeout = Seconds(arguments, "--timeout");
        if (interval is null && timeout is null)
        {
            return null;
        }

        var polling = new TaskPollingOptions();
        if (interval is { } i)
        {
            polling.Interval = i;
            polling.MaxInterval = i > polling.MaxInterval ? i : polling.MaxInterval;
        }

        if (timeout is { } t)
        {
            polling.Timeout = t;
        }

        return polling;
    }

    private static TimeSpan? Seconds(CliArguments arguments, string name) => arguments.String(name) is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds < 86_400
            ? TimeSpan.FromSeconds(seconds)
            : throw new CliUsageException($"{name} expects a number of seconds greater than 0, got '{text}'");
}
