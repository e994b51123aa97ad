namespace Qianfan.Sdk.Core.Limits;

/// <summary>
/// A tokens-per-minute budget over a sliding minute, fed with the usage the service reports after each call.
/// Callers wait while the last minute's usage has reached the limit; the wait queue is bounded.
/// </summary>
internal sealed class TokenBudget(int tokensPerMinute, int queueLimit, TimeProvider time, Func<string, Exception> queueFull)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Queue<(DateTimeOffset At, int Tokens)> _spent = new();
    private readonly Lock _gate = new();
    private long _total;
    private int _waiting;

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

    /// <summary>Zero when the budget has room, otherwise how long until the oldest spending leaves the window.</summary>
    private TimeSpan NextWait()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            while (_spent.TryPeek(out var oldest) && now - oldest.At >= Window)
            {
                _total -= _spent.Dequeue().Tokens;
            }

            return _total < tokensPerMinute || !_spent.TryPeek(out var first)
                ? TimeSpan.Zero
                : first.At + Window - now;
        }
    }
}
