using System.Runtime.CompilerServices;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Limits;
using StackExchange.Redis;

namespace Qianfan.Sdk.Redis;

/// <summary>
/// One budget for a fleet: QPS and RPM as exact sliding windows and TPM as a token-weighted window, kept in Redis and
/// taken with one atomic script (one round trip) per acquisition. Callers of one process that must wait queue here
/// (bounded), so only one of them asks Redis again when a slot frees. The service's quota reports and rate-limit
/// errors reach every instance through Redis too. While Redis is unavailable the in-process limiter takes over.
/// </summary>
internal sealed class RedisClientLimiter : IClientLimiter, IDisposable
{
    private readonly RedisFleet _fleet;
    private readonly ClientRateLimiter _local;
    private readonly Func<string, Exception> _queueFull;
    private readonly RateLimitOptions _options;
    private readonly RedisKey[] _acquireKeys;
    private readonly RedisValue[] _acquireArguments;
    private readonly RedisKey[] _recordKeys;
    private readonly RedisKey[] _observeKeys;
    private readonly RedisKey[] _pauseKeys;
    private readonly long _marginMicroseconds;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _waiting;

    public RedisClientLimiter(RedisFleet fleet, string scope, RateLimitOptions options, ClientRateLimiter local, Func<string, Exception> queueFull)
    {
        _fleet = fleet;
        _local = local;
        _queueFull = queueFull;
        _options = new RateLimitOptions
        {
            QueriesPerSecond = options.QueriesPerSecond,
            RequestsPerMinute = options.RequestsPerMinute,
            TokensPerMinute = options.TokensPerMinute,
            QueueLimit = options.QueueLimit,
        };
        RedisKey Key(string name) => fleet.Key(scope, name);
        var qps = Key("qps");
        var rpm = Key("rpm");
        var tpm = Key("tpm");
        var tpmSum = Key("tpm-sum");
        var learnedRpm = Key("learned-rpm");
        var learnedTpm = Key("learned-tpm");
        var pause = Key("pause");
        var seq = Key("seq");
        _marginMicroseconds = (long)fleet.Options.WindowMargin.TotalMicroseconds;
        _acquireKeys = [qps, rpm, tpm, tpmSum, learnedRpm, learnedTpm, pause, seq];
        _acquireArguments = [_options.QueriesPerSecond, _options.RequestsPerMinute, _options.TokensPerMinute, _marginMicroseconds];
        _recordKeys = [tpm, tpmSum, seq];
        _observeKeys = [rpm, tpm, tpmSum, learnedRpm, learnedTpm];
        _pauseKeys = [pause];
    }

    /// <summary>The keys this limiter writes, for tests and the README's table.</summary>
    internal IEnumerable<RedisKey> Keys => _acquireKeys;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _waiting) == 0)
        {
            switch (await TryAcquireAsync().ConfigureAwait(false))
            {
                case null:
                    await _local.WaitAsync(cancellationToken).ConfigureAwait(false);
                    return;
                case { Ticks: 0 }:
                    return;
            }
        }

        if (Interlocked.Increment(ref _waiting) > _options.QueueLimit)
        {
            Interlocked.Decrement(ref _waiting);
            throw _queueFull($"More than {_options.QueueLimit} calls are waiting for the limits this client shares through Redis; the call was not sent.");
        }

        try
        {
            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                while (true)
                {
                    var wait = await TryAcquireAsync().ConfigureAwait(false);
                    if (wait is null)
                    {
                        await _local.WaitAsync(cancellationToken).ConfigureAwait(false);
                        return;
                    }

                    if (wait.Value == TimeSpan.Zero)
                    {
                        return;
                    }

                    await Task.Delay(wait.Value, _fleet.Time, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _turn.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void RecordTokens(int tokens)
    {
        if (tokens <= 0 || _options.TokensPerMinute <= 0)
        {
            return;
        }

        // The process keeps its own count too, so a fallback starts from what this instance spent.
        _local.RecordTokens(tokens);
        if (_fleet.ShouldTry())
        {
            _ = RunAsync(LimitScripts.RecordTokens, _recordKeys, [tokens, _marginMicroseconds]);
        }
    }

    public void Observe(in QuotaReport quota)
    {
        _local.Observe(quota);
        if (!Lowers(quota) || !_fleet.ShouldTry())
        {
            return;
        }

        _ = RunAsync(LimitScripts.Observe, _observeKeys, [
            quota.RequestsPerMinute ?? -1, quota.RemainingRequests ?? -1, quota.TokensPerMinute ?? -1, quota.RemainingTokens ?? -1,
            _options.RequestsPerMinute, _options.TokensPerMinute, _marginMicroseconds]);
    }

    public void Pause(TimeSpan wait)
    {
        _local.Pause(wait);
        if (wait > TimeSpan.Zero && _fleet.ShouldTry())
        {
            _ = RunAsync(LimitScripts.Pause, _pauseKeys, [(long)Math.Ceiling(wait.TotalMilliseconds)]);
        }
    }

    public void Dispose() => _turn.Dispose();

    /// <summary>Null when Redis is unavailable; zero when granted; otherwise how long until a slot may free.</summary>
    private async ValueTask<TimeSpan?> TryAcquireAsync()
    {
        if (!_fleet.ShouldTry())
        {
            return null;
        }

        try
        {
            var result = await _fleet.RunAsync(static (db, self) => db.ScriptEvaluateAsync(LimitScripts.Acquire, self._acquireKeys, self._acquireArguments), this).ConfigureAwait(false);
            var values = (RedisResult[])result!;
            return (long)values[0] == 1 ? TimeSpan.Zero : TimeSpan.FromMicroseconds(Math.Max(1, (long)values[1]));
        }
        catch (RedisUnavailableException)
        {
            return null;
        }
    }

    /// <summary>Whether the report could lower a configured limit: an account limit, or what is left, below it.</summary>
    private bool Lowers(in QuotaReport quota) =>
        (_options.RequestsPerMinute > 0 && (quota.RequestsPerMinute < _options.RequestsPerMinute || quota.RemainingRequests < _options.RequestsPerMinute))
        || (_options.TokensPerMinute > 0 && (quota.TokensPerMinute < _options.TokensPerMinute || quota.RemainingTokens < _options.TokensPerMinute));

    private async Task RunAsync(string script, RedisKey[] keys, RedisValue[] arguments)
    {
        try
        {
            await _fleet.RunAsync(static (db, call) => db.ScriptEvaluateAsync(call.script, call.keys, call.arguments), (script, keys, arguments)).ConfigureAwait(false);
        }
        catch (RedisUnavailableException)
        {
            // Logged by the fleet; the process's own limiter has the same information.
        }
    }
}
