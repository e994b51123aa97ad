namespace Qianfan.Sdk.Core.Limits;

/// <summary>
/// At most N requests in any window of the given length, exactly: it remembers when each of the last N requests
/// was let through and holds the next until the oldest is a full window old. (A segmented sliding window hands
/// permits back at its timer's ticks, which under load can let N + 1 requests into one second.) Callers wait in
/// turn, in a bounded queue.
/// </summary>
internal sealed class SlidingLog(int limit, TimeSpan window, int queueLimit, string name, TimeProvider time, Func<string, Exception> queueFull) : IDisposable
{
    private readonly Queue<DateTimeOffset> _granted = new(limit);
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _gate = new();
    private int _waiting;

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

                        wait = _granted.Peek() + window - time.GetUtcNow();
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

    public void Dispose() => _turn.Dispose();

    private bool TryGrant()
    {
        var now = time.GetUtcNow();
        while (_granted.TryPeek(out var oldest) && now - oldest >= window)
        {
            _granted.Dequeue();
        }

        if (_granted.Count >= limit)
        {
            return false;
        }

        _granted.Enqueue(now);
        return true;
    }
}
