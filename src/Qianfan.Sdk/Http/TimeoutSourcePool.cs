namespace Qianfan.Sdk.Http;

/// <summary>
/// Reusable cancellation sources for attempt timeouts. Every attempt needs a source with a timer; a new one per call
/// costs the source, its timer and the registration list HttpClient adds to it, while a source that was neither
/// cancelled nor left registered can be reset and handed to the next attempt.
/// </summary>
internal sealed class TimeoutSourcePool
{
    // A timer that is about to fire may still cancel a source after TryReset stopped it; timers never fire early, so a
    // source whose deadline is further away than this is safe to reuse.
    private static readonly TimeSpan SafetyMargin = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource?[] _sources;

    public TimeoutSourcePool(int capacity) => _sources = new CancellationTokenSource?[capacity];

    /// <summary>The pool all transports share, sized for many concurrent calls.</summary>
    public static TimeoutSourcePool Shared { get; } = new(64);

    /// <summary>A source that is not cancelled and has no timer running.</summary>
    public CancellationTokenSource Rent()
    {
        for (var i = 0; i < _sources.Length; i++)
        {
            if (Volatile.Read(ref _sources[i]) is { } source && Interlocked.CompareExchange(ref _sources[i], null, source) == source)
            {
                return source;
            }
        }

        return new CancellationTokenSource();
    }

    /// <summary>
    /// Takes <paramref name="source"/> back once nothing uses its token any more. A cancelled source, or one whose
    /// timer is due within the safety margin (<paramref name="timeLeft"/>), is disposed instead.
    /// </summary>
    public void Return(CancellationTokenSource source, TimeSpan timeLeft)
    {
        if (timeLeft > SafetyMargin && source.TryReset())
        {
            for (var i = 0; i < _sources.Length; i++)
            {
                if (Interlocked.CompareExchange(ref _sources[i], source, null) is null)
                {
                    return;
                }
            }
        }

        source.Dispose();
    }
}
