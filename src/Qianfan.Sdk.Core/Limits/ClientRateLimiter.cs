namespace Qianfan.Sdk.Core.Limits;

/// <summary>
/// The QPS, RPM and TPM limits of one client, kept in the process and shared by all its calls. It learns smaller
/// limits from the quota the service reports and holds every request while the service asks it to back off.
/// </summary>
internal sealed class ClientRateLimiter : IClientLimiter, IDisposable
{
    private readonly SlidingLog? _perSecond;
    private readonly SlidingLog? _perMinute;
    private readonly TokenBudget? _tokens;
    private readonly TimeProvider _time;
    private long _pausedUntilTicks;

    private ClientRateLimiter(RateLimitOptions options, TimeProvider time, Func<string, Exception> queueFull)
    {
        _time = time;
        _perSecond = options.QueriesPerSecond > 0
            ? new SlidingLog(options.QueriesPerSecond, TimeSpan.FromSeconds(1), options.QueueLimit, "queries-per-second", time, queueFull)
            : null;
        _perMinute = options.RequestsPerMinute > 0
            ? new SlidingLog(options.RequestsPerMinute, TimeSpan.FromMinutes(1), options.QueueLimit, "requests-per-minute", time, queueFull)
            : null;
        _tokens = options.TokensPerMinute > 0 ? new TokenBudget(options.TokensPerMinute, options.QueueLimit, time, queueFull) : null;
    }

    /// <summary>A limiter for the options, or null when they set no limit.</summary>
    /// <param name="options">The limits.</param>
    /// <param name="time">The clock.</param>
    /// <param name="queueFull">The platform's exception for a call refused because too many callers already wait.</param>
    public static ClientRateLimiter? Create(RateLimitOptions options, TimeProvider time, Func<string, Exception> queueFull) =>
        options.Any ? new ClientRateLimiter(options, time, queueFull) : null;

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        for (var paused = PausedFor(); paused > TimeSpan.Zero; paused = PausedFor())
        {
            await Task.Delay(paused, _time, cancellationToken).ConfigureAwait(false);
        }

        if (_tokens is not null)
        {
            await _tokens.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_perMinute is not null)
        {
            await _perMinute.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_perSecond is not null)
        {
            await _perSecond.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void RecordTokens(int tokens) => _tokens?.Record(tokens);

    public void Observe(in QuotaReport quota)
    {
        if (_perMinute is not null && (quota.RequestsPerMinute is not null || quota.RemainingRequests is not null))
        {
            _perMinute.Learn(quota.RequestsPerMinute, quota.RemainingRequests);
        }

        if (_tokens is not null && (quota.TokensPerMinute is not null || quota.RemainingTokens is not null))
        {
            _tokens.Learn(quota.TokensPerMinute, quota.RemainingTokens);
        }
    }

    public void Pause(TimeSpan wait)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        var until = (_time.GetUtcNow() + wait).UtcTicks;
        for (var current = Interlocked.Read(ref _pausedUntilTicks); current < until; current = Interlocked.Read(ref _pausedUntilTicks))
        {
            if (Interlocked.CompareExchange(ref _pausedUntilTicks, until, current) == current)
            {
                break;
            }
        }
    }

    public void Dispose()
    {
        _perSecond?.Dispose();
        _perMinute?.Dispose();
    }

    private TimeSpan PausedFor()
    {
        var until = Interlocked.Read(ref _pausedUntilTicks);
        return until == 0 ? TimeSpan.Zero : new DateTimeOffset(until, TimeSpan.Zero) - _time.GetUtcNow();
    }
}
