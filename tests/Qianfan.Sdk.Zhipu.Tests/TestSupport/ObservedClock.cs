using Microsoft.Extensions.Time.Testing;

namespace Qianfan.Sdk.Zhipu.Tests.TestSupport;

/// <summary>
/// <see cref="FakeTimeProvider"/> that also tells a test when the SDK has started a timer of a given length (a poll's
/// wait, a retry delay): a test advances the clock only once something waits on it.
/// </summary>
internal sealed class ObservedClock : FakeTimeProvider
{
    /// <summary>Where every fake clock of the suite starts: 2023-11-14T22:13:20Z, Unix 1,700,000,000 s (the JWT vector's time).</summary>
    public static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _started = [];
    private readonly List<(TimeSpan DueTime, int Count, TaskCompletionSource Reached)> _waiters = [];

    public ObservedClock()
        : base(Epoch)
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
