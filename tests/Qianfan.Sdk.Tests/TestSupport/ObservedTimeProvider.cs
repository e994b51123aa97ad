using Microsoft.Extensions.Time.Testing;

namespace Qianfan.Sdk.Tests.TestSupport;

/// <summary>
/// The library's <see cref="FakeTimeProvider"/>, which also tells a test when the SDK has started a timer of a given
/// length (an attempt timeout, a retry delay, a limiter's wait). A test advances the clock only once something waits
/// on it; advancing earlier would let the wait start after the jump, and the test would measure nothing.
/// </summary>
internal sealed class ObservedTimeProvider : FakeTimeProvider
{
    /// <summary>Where every fake clock of the suite starts, so token expiries and signatures read alike.</summary>
    public static readonly DateTimeOffset Epoch = new(2024, 9, 19, 1, 23, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _started = [];
    private readonly List<(TimeSpan DueTime, int Count, TaskCompletionSource Reached)> _waiters = [];

    public ObservedTimeProvider()
        : base(Epoch)
    {
    }

    /// <summary>A clock starting at <paramref name="start"/>, for a test whose vector fixes the time.</summary>
    public ObservedTimeProvider(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>The due time of every timer started so far, in order.</summary>
    public IReadOnlyList<TimeSpan> TimersStarted
    {
        get
        {
            lock (_gate)
            {
                return [.. _started];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            _started.Add(dueTime);
            var count = _started.Count(d => d == dueTime);
            foreach (var waiter in _waiters.Where(w => w.DueTime == dueTime && w.Count <= count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }
        }

        return timer;
    }

    /// <summary>Completes once <paramref name="count"/> timers due after <paramref name="dueTime"/> have been started in all.</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime, int count = 1)
    {
        lock (_gate)
        {
            if (_started.Count(d => d == dueTime) >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((dueTime, count, reached));
            return reached.Task.OrHang();
        }
    }
}
