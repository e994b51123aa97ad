using System.Diagnostics;

namespace Qianfan.Sdk.Redis.Tests;

/// <summary>
/// For failure messages of timing tests: how late a dedicated thread and a thread-pool loop of this process woke
/// from 10 ms sleeps (the longest), and the GC's pauses. A window the emulator saw too full next to a long stall here
/// points at the machine, not at the limiter.
/// </summary>
internal sealed class StallProbe : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _pausedBefore = GC.GetTotalPauseDuration();
    private (double Late, double At) _thread;
    private (double Late, double At) _pool;
    private long _maxPending;
    private int _threadsAtMax;
    private double _pendingAt;

    public StallProbe()
    {
        new Thread(() =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var before = _clock.Elapsed;
                Thread.Sleep(10);
                Note(ref _thread, before);
                var pending = ThreadPool.PendingWorkItemCount;
                if (pending > _maxPending)
                {
                    _maxPending = pending;
                    _threadsAtMax = ThreadPool.ThreadCount;
                    _pendingAt = _clock.Elapsed.TotalSeconds;
                }
            }
        })
        { IsBackground = true, Name = "stall probe" }.Start();
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var before = _clock.Elapsed;
                await Task.Delay(10);
                Note(ref _pool, before);
            }
        });
    }

    public override string ToString() =>
        $"this process's longest stall: a thread {_thread.Late:0} ms late at {_thread.At:0.0} s, the thread pool {_pool.Late:0} ms late at {_pool.At:0.0} s; GC pauses {(GC.GetTotalPauseDuration() - _pausedBefore).TotalMilliseconds:0} ms; most work queued {_maxPending} with {_threadsAtMax} pool threads at {_pendingAt:0.0} s, {ThreadPool.ThreadCount} threads now";

    public void Dispose() => _stop.Cancel();

    private void Note(ref (double Late, double At) longest, TimeSpan before)
    {
        var late = (_clock.Elapsed - before).TotalMilliseconds - 10;
        lock (_stop)
        {
            if (late > longest.Late)
            {
                longest = (late, before.TotalSeconds);
            }
        }
    }
}
