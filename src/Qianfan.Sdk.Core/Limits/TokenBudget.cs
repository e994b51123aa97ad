namespace Qianfan.Sdk.Core.Limits;

/// <summary>
/// A tokens-per-minute budget over a sliding minute, fed with the usage the service reports after each call.
/// Callers wait while the last minute's usage has reached the limit; the wait queue is bounded. A smaller limit
/// learned from the service (<see cref="Learn"/>) applies for a minute after it was last reported.
/// </summary>
internal sealed class TokenBudget(int tokensPerMinute, int queueLimit, TimeProvider time, Func<string, Exception> queueFull)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Queue<(DateTimeOffset At, int Tokens)> _spent = new();
    private readonly Lock _gate = new();
    private long _total;
    private int _waiting;
    private int _learned = int.MaxValue;
    private DateTimeOffset _learnedUntil;

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var wait = NextWait();
        if (wait == TimeSpan.Zero)
        {
            return;
        }

        if (Interlocked.Increment(ref _waiting) > queueLimit)
        {
            Interlocked.Decrement(ref _waiting);
            throw queueFull($"More than {queueLimit} calls are waiting for the tokens-per-minute limit of {tokensPerMinute}; the call was not sent.");
        }

        try
        {
            for (; wait > TimeSpan.Zero; wait = NextWait())
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void Record(int tokens)
    {
        if (tokens <= 0)
        {
            return;
        }

        lock (_gate)
        {
            _spent.Enqueue((time.GetUtcNow(), tokens));
            _total += tokens;
        }
    }

    /// <summary>Takes the limit a report allows (given the tokens spent in the last minute), when it is below the configured one.</summary>
    public void Learn(int? accountLimit, int? remaining)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Prune(now);
            if (QuotaReport.Learned(accountLimit, remaining, _total) is { } learned && learned < tokensPerMinute)
            {
                _learned = learned;
                _learnedUntil = now + Window;
            }
            else
            {
                _learned = int.MaxValue;
            }
        }
    }

    /// <summary>Zero when the budget has room, otherwise how long until the oldest spending leaves the window.</summary>
    private TimeSpan NextWait()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Prune(now);
            var limit = _learned < tokensPerMinute && now < _learnedUntil ? _learned : tokensPerMinute;
            if (_total < limit || !_spent.TryPeek(out var first))
            {
                return TimeSpan.Zero;
            }

            // A learned limit may end before the oldest spending leaves: wake then, to check again.
            var wait = first.At + Window - now;
            return limit < tokensPerMinute && _learnedUntil - now < wait ? _learnedUntil - now : wait;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        while (_spent.TryPeek(out var oldest) && now - oldest.At >= Window)
        {
            _total -= _spent.Dequeue().Tokens;
        }
    }
}
