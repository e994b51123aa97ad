using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Qianfan.Sdk.Redis;

/// <summary>
/// One Redis shared by the token store and the limiters of a registration: the database, the key names, the bound on
/// each operation, and whether Redis is available. When an operation fails it logs one Warning and sends calls to
/// the in-process fallback; every <see cref="QianfanRedisOptions.RetryInterval"/> one call tries Redis again, and
/// the first that succeeds logs that it is back.
/// </summary>
internal sealed partial class RedisFleet : IDisposable
{
    private readonly IConnectionMultiplexer _connection;
    private readonly bool _ownsConnection;
    private readonly ILogger _logger;
    private readonly long _retryTicks;
    private int _down;
    private long _nextTryTicks;

    public RedisFleet(IConnectionMultiplexer connection, bool ownsConnection, QianfanRedisOptions options, ILogger logger, TimeProvider time)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;
        Options = options;
        _logger = logger;
        Time = time;
        Database = connection.GetDatabase(options.Database);
        _retryTicks = options.RetryInterval.Ticks;
    }

    public QianfanRedisOptions Options { get; }

    public TimeProvider Time { get; }

    public IDatabase Database { get; }

    /// <summary>Whether Redis is believed available (for tests and logs).</summary>
    public bool IsAvailable => Volatile.Read(ref _down) == 0;

    /// <summary>The key <paramref name="name"/> of <paramref name="scope"/>: <c>{prefix}:{scope}:{name}</c>, the scope a hash tag so a scope's keys share a cluster slot.</summary>
    public RedisKey Key(string scope, string name) => $"{Options.KeyPrefix}:{{{scope}}}:{name}";

    /// <summary>
    /// Whether to use Redis now: yes while it is available (and the connection says so); while it is not, yes for one
    /// caller per retry interval.
    /// </summary>
    public bool ShouldTry()
    {
        if (Volatile.Read(ref _down) == 0)
        {
            if (_connection.IsConnected)
            {
                return true;
            }

            Failed("the connection is not connected");
            return false;
        }

        var now = Time.GetUtcNow().UtcTicks;
        var next = Volatile.Read(ref _nextTryTicks);
        return now >= next && Interlocked.CompareExchange(ref _nextTryTicks, now + _retryTicks, next) == next;
    }

    /// <summary>Runs one operation within <see cref="QianfanRedisOptions.OperationTimeout"/>; a failure is a <see cref="RedisUnavailableException"/>.</summary>
    public async Task<T> RunAsync<T, TState>(Func<IDatabase, TState, Task<T>> operation, TState state)
    {
        Task<T>? pending = null;
        try
        {
            pending = operation(Database, state);
            var result = await pending.WaitAsync(Options.OperationTimeout, Time).ConfigureAwait(false);
            Succeeded();
            return result;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            // An operation cut off by the timeout still ends later; observe it, so its failure is never unobserved.
            _ = pending?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            Failed(ex is TimeoutException ? $"no answer within {Options.OperationTimeout.TotalMilliseconds:0} ms" : $"{ex.GetType().Name}: {ex.Message}");
            throw new RedisUnavailableException(ex);
        }
    }

    public void Succeeded()
    {
        if (Interlocked.Exchange(ref _down, 0) == 1)
        {
            LogAvailable(_logger);
        }
    }

    public void Failed(string reason)
    {
        Volatile.Write(ref _nextTryTicks, Time.GetUtcNow().UtcTicks + _retryTicks);
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            LogUnavailable(_logger, reason, Options.RetryInterval.TotalSeconds);
        }
    }

    public void Dispose()
    {
        if (_ownsConnection)
        {
            _connection.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable ({Reason}): tokens and rate limits are kept in this process, not shared by the fleet, until it is back (tried again every {RetrySeconds} s); no call fails for it")]
    private static partial void LogUnavailable(ILogger logger, string reason, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is available again: tokens and rate limits are shared by the fleet again")]
    private static partial void LogAvailable(ILogger logger);
}
