using Microsoft.Extensions.Logging;

namespace Qianfan.Sdk.Redis.LoadApp;

/// <summary>Counts the Warning (and worse) records of the Qianfan.Sdk.Redis category: a healthy run logs none.</summary>
internal sealed class WarningCounter : ILoggerProvider
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public ILogger CreateLogger(string categoryName) => new Counter(this, categoryName.StartsWith("Qianfan.Sdk.Redis", StringComparison.Ordinal));

    public void Dispose()
    {
    }

    private sealed class Counter(WarningCounter owner, bool counts) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => counts && logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Interlocked.Increment(ref owner._count);
            }
        }
    }
}
