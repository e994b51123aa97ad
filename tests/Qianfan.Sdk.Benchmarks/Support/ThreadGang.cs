namespace Qianfan.Sdk.Benchmarks.Support;

/// <summary>
/// A fixed set of dedicated threads that run the same work together on each <see cref="Run"/>, so a contention
/// benchmark measures the contended code and not thread start-up.
/// </summary>
public sealed class ThreadGang : IDisposable
{
    private readonly Thread[] _threads;
    private readonly Barrier _start;
    private readonly CountdownEvent _done;
    private Action<int>? _work;
    private volatile bool _stopping;

    public ThreadGang(int size)
    {
        _start = new Barrier(size + 1);
        _done = new CountdownEvent(size);
        _threads = new Thread[size];
        for (var i = 0; i < size; i++)
        {
            var index = i;
            _threads[i] = new Thread(() => Loop(index)) { IsBackground = true, Name = $"gang-{index}" };
            _threads[i].Start();
        }
    }

    public int Size => _threads.Length;

    /// <summary>Runs <paramref name="work"/> on every thread at once (each gets its index) and waits for all of them.</summary>
    public void Run(Action<int> work)
    {
        _work = work;
        _done.Reset();
        _start.SignalAndWait();
        _done.Wait();
    }

    public void Dispose()
    {
        _stopping = true;
        _start.SignalAndWait();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _start.Dispose();
        _done.Dispose();
    }

    private void Loop(int index)
    {
        while (true)
        {
            _start.SignalAndWait();
            if (_stopping)
            {
                return;
            }

            _work!(index);
            _done.Signal();
        }
    }
}
