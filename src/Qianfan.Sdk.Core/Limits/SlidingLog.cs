namespace Qianfan.Sdk.Core.Limits;

/// <summary>
/// At most N requests in any window of the given length, exactly: it remembers when each of the last N requests
/// was let through and holds the next until the oldest is a full window old. (A segmented sliding window hands
/// permits back at its timer's ticks, which under load can let N + 1 requests into one second.) Callers wait in
/// turn, in a bounded queue. A smaller limit learned from the service (<see cref="Learn"/>) applies for one window
/// after it was last reported.
/// </summary>
internal sealed class SlidingLog(int limit, TimeSpan window, int queueLimit, string name, TimeProvider time, Func<string, Exception> queueFull) : IDisposable
{
    private readonly Queue<DateTimeOffset> _granted = new(limit);
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _gate = new();
    private int _waiting;
    private int _learned = int.MaxValue;
    private DateTimeOffset _learnedUntil;

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_waiting == 0 && TryGrant())
            {
                return;
            }

            if (_waiting >= queueLimit)
            {
                throw queueFull($"More than {queueLimit} calls are waiting for the {name} limit of {limit}; the call was not sent.");
            }

            _waiting++;
        }

        try
        {
            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                while (true)
                {
                    TimeSpan wait;
                    lock (_gate)
                    {
                        if (TryGrant())
                        {
                            return;
                        }

                        wait = NextFree() - time.GetUtcNow();
                    }

                    await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), time, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _turn.Release();
            }
        }
        finally
        {
            lock (_gate)
            {
                _waiting--;
            }
        }
    }

    /// <summary>The configured limit.</summary>
    public int Configured => limit;

    public void Dispose() => _turn.Dispose();

    /// <summary>Takes the limit a report allows (given this log's count), when it is below the configured one.</summary>
    public void Learn(int? accountLimit, int? remaining)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Prune(now);
            if (QuotaReport.Learned(accountLimit, remaining, _granted.Count) is { } learned && learned < limit)
            {
                _learned = learned;
                _learnedUntil = now + window;
            }
            else
            {
                _learned = int.MaxValue;
            }
        }
    }

    /// <summary>The limit in force: the configured one, or a smaller one the service reported within the last window.</summary>
    private int Limit(DateTimeOffset now) => _learned < limit && now < _learnedUntil ? _learned : limit;

    /// <summary>When the next slot frees: when the oldest entry beyond the limit leaves the window.</summary>
    private DateTimeOffset NextFree()
    {
        var now = time.GetUtcNow();
        var limit = Limit(now);
        var excess = _granted.Count - limit;
        var free = excess < 0 ? now : _granted.ElementAt(excess) + window;

        // A learned limit may end before that: wake then, to check again.
        return limit < Configured && _learnedUntil < free ? _learnedUntil : free;
    }

    private void Prune(DateTimeOffset now)
    {
        while (_granted.TryPeek(out var oldest) && now - oldest >= window)
        {
            _granted.Dequeue();
        }
    }

    private bool TryGrant()
    {
        var now = time.GetUtcNow();
        Prune(now);
        if (_granted.Count >= Limit(now))
        {
            return false;
        }

        _granted.Enqueue(now);
        return true;
    }
}
