using Microsoft.Extensions.Logging;

namespace Qianfan.Sdk.Redis.LoadApp;

/// <summary>Writes Warning (and worse) records to stderr, and counts those of the Qianfan.Sdk.Redis category: a healthy run logs none.</summary>
internal sealed class WarningCounter : ILoggerProvider
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public ILogger CreateLogger(string categoryName) => new Counter(this, categoryName, categoryName.StartsWith("Qianfan.Sdk.Redis", StringComparison.Ordinal));

    public void Dispose()
    {
    }

    private sealed class Counter(WarningCounter owner, string category, bool counts) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            Console.Error.WriteLine($"{logLevel} {category}: {formatter(state, exception)}");
            if (counts)
            {
                Interlocked.Increment(ref owner._count);
            }
        }
    }
}
