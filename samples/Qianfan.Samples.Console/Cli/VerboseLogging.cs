using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Qianfan.Samples.Console.Cli;

/// <summary>
/// Where a platform session's SDK logs: with <c>--verbose</c>, HTTP activity on stderr one line a record (the SDKs never
/// log a secret), else nowhere. One place, so every platform's <c>--verbose</c> reads alike.
/// </summary>
internal static class VerboseLogging
{
    public static ILoggerFactory Create(bool verbose) => verbose
        ? LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Debug)
            .AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(c => c.SingleLine = true)
            .AddFilter("Microsoft", LogLevel.Warning))
        : NullLoggerFactory.Instance;
}
