using Qianfan.Sdk.Http;

namespace Qianfan.Sdk.Tests;

/// <summary>The attempts' reusable cancellation sources: what comes out of the pool must be as good as new.</summary>
public sealed class TimeoutSourcePoolTests
{
    [Fact]
    public void Rent_HandsBackAReturnedSourceReset()
    {
        var pool = new TimeoutSourcePool(4);
        var source = pool.Rent();
        source.CancelAfter(TimeSpan.FromMinutes(1));
        using var registration = source.Token.Register(() => throw new InvalidOperationException("a stale callback ran"));

        pool.Return(source, TimeSpan.FromMinutes(1));
        var again = pool.Rent();

        Assert.Same(source, again);
        Assert.False(again.IsCancellationRequested);
        again.Cancel(); // the stale registration was removed, so this does not throw
    }

    [Fact]
    public async Task Return_StopsTheTimerOfASourceItKeeps()
    {
        var pool = new TimeoutSourcePool(4);
        var source = pool.Rent();
        source.CancelAfter(TimeSpan.FromMilliseconds(50));

        // As if its deadline were far away: the pool keeps it and must stop the timer.
        pool.Return(source, TimeSpan.FromMinutes(1));
        await Task.Delay(200);

        Assert.False(pool.Rent().IsCancellationRequested);
    }

    [Fact]
    public void Return_DisposesACancelledSourceAndNeverHandsItOut()
    {
        var pool = new TimeoutSourcePool(4);
        var source = pool.Rent();
        source.Cancel();

        pool.Return(source, TimeSpan.FromMinutes(1));

        Assert.Throws<ObjectDisposedException>(() => source.Token);
        Assert.NotSame(source, pool.Rent());
    }

    [Fact]
    public void Return_DisposesASourceWhoseTimerIsAboutToFire()
    {
        var pool = new TimeoutSourcePool(4);
        var source = pool.Rent();
        source.CancelAfter(TimeSpan.FromMilliseconds(500));

        pool.Return(source, TimeSpan.FromMilliseconds(500));

        Assert.Throws<ObjectDisposedException>(() => source.Token);
        Assert.NotSame(source, pool.Rent());
    }

    [Fact]
    public void Return_DisposesWhatDoesNotFit()
    {
        var pool = new TimeoutSourcePool(2);
        var sources = Enumerable.Range(0, 3).Select(_ => pool.Rent()).ToList();

        foreach (var source in sources)
        {
            pool.Return(source, TimeSpan.FromMinutes(1));
        }

        Assert.Throws<ObjectDisposedException>(() => sources[2].Token);
        Assert.Equal(sources.Take(2).ToHashSet(), new[] { pool.Rent(), pool.Rent() }.ToHashSet());
    }
}
