using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Tasks;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>
/// Waiting for a background task on the injected clock: one poll per wait, waits that grow to their cap, every state
/// reported, the deadline and the caller's cancellation honoured, and options that would make it spin or overflow tamed.
/// </summary>
public sealed class TaskPollerTests
{
    private readonly ObservedTimeProvider _time = new();

    [Fact]
    public async Task Polls_UntilATerminalState_ReportingEveryState()
    {
        var states = new Queue<string>(["PENDING", "RUNNING", "RUNNING", "SUCCEEDED"]);
        var reported = new List<string>();
        var options = new TaskPollingOptions { Interval = TimeSpan.FromSeconds(1), BackoffFactor = 1 };

        var polling = Poll(() => states.Dequeue(), options, new Recorder(reported));
        await DriveAsync(polling, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        Assert.Equal("SUCCEEDED", await polling.OrHang());
        Assert.Equal(["PENDING", "RUNNING", "RUNNING", "SUCCEEDED"], reported);
    }

    [Fact]
    public async Task Waits_GrowByTheFactor_UpToTheLongestWait()
    {
        var polls = 0;
        var options = new TaskPollingOptions { Interval = TimeSpan.FromSeconds(2), BackoffFactor = 2, MaxInterval = TimeSpan.FromSeconds(5) };

        var polling = Poll(() => ++polls == 5 ? "SUCCEEDED" : "RUNNING", options);
        await DriveAsync(polling, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

        Assert.Equal("SUCCEEDED", await polling.OrHang());
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)], _time.TimersStarted);
    }

    [Fact]
    public async Task ATaskThatDoesNotEnd_FailsWithATimeoutNamingItsLastState_WithoutAPollPastTheDeadline()
    {
        var polls = 0;
        var options = new TaskPollingOptions { Interval = TimeSpan.FromSeconds(4), BackoffFactor = 1, Timeout = TimeSpan.FromSeconds(10) };

        var polling = Poll(() => { polls++; return "RUNNING"; }, options);
        await DriveAsync(polling, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => polling.OrHang());
        Assert.Contains("task t-1 (RUNNING)", error.Message, StringComparison.Ordinal);
        Assert.Contains("10 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, polls);
    }

    [Fact]
    public async Task AnInfiniteTimeout_WaitsAsLongAsItTakes()
    {
        var polls = 0;
        var options = new TaskPollingOptions { Interval = TimeSpan.FromMinutes(30), BackoffFactor = 1, Timeout = Timeout.InfiniteTimeSpan };

        var polling = Poll(() => ++polls == 4 ? "SUCCEEDED" : "RUNNING", options);
        await DriveAsync(polling, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30));

        Assert.Equal("SUCCEEDED", await polling.OrHang());
    }

    [Fact]
    public async Task Cancellation_StopsTheWaitBetweenPolls()
    {
        using var cancellation = new CancellationTokenSource();
        var options = new TaskPollingOptions { Interval = TimeSpan.FromSeconds(3) };

        var polling = Poll(() => "RUNNING", options, cancellationToken: cancellation.Token);
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(3));
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => polling.OrHang());
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Fact]
    public async Task AFailingPoll_EndsTheWait_WithItsException()
    {
        var polling = TaskPoller.PollAsync<string>(
            _ => throw new InvalidOperationException("the service said no"),
            _ => false,
            s => s,
            new TaskPollingOptions(),
            null,
            _time,
            CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => polling.OrHang());
        Assert.Equal("the service said no", error.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(0.5)]
    [InlineData(-3)]
    public async Task AFactorThatIsNoGrowth_KeepsTheWaitsConstant(double factor)
    {
        var polls = 0;
        var options = new TaskPollingOptions { Interval = TimeSpan.FromSeconds(1), BackoffFactor = factor, MaxInterval = TimeSpan.FromDays(1) };

        var polling = Poll(() => ++polls == 3 ? "SUCCEEDED" : "RUNNING", options);
        await DriveAsync(polling, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        Assert.Equal("SUCCEEDED", await polling.OrHang());
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)], _time.TimersStarted);
    }

    [Fact]
    public async Task AHugeFactor_CapsAtTheLongestWaitInsteadOfOverflowing()
    {
        var polls = 0;
        var options = new TaskPollingOptions { Interval = TimeSpan.FromSeconds(1), BackoffFactor = 1e300, MaxInterval = TimeSpan.FromSeconds(7) };

        var polling = Poll(() => ++polls == 4 ? "SUCCEEDED" : "RUNNING", options);
        await DriveAsync(polling, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7));

        Assert.Equal("SUCCEEDED", await polling.OrHang());
    }

    [Fact]
    public async Task AZeroInterval_StillWaitsBetweenPolls()
    {
        var polls = 0;
        var options = new TaskPollingOptions { Interval = TimeSpan.Zero, MaxInterval = TimeSpan.Zero };

        var polling = Poll(() => ++polls == 3 ? "SUCCEEDED" : "RUNNING", options);
        await DriveAsync(polling, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));

        Assert.Equal("SUCCEEDED", await polling.OrHang());
        Assert.All(_time.TimersStarted, due => Assert.Equal(TimeSpan.FromMilliseconds(1), due));
    }

    private Task<string> Poll(Func<string> next, TaskPollingOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => TaskPoller.PollAsync(
            _ => Task.FromResult(next()),
            static s => s is "SUCCEEDED" or "FAILED",
            static s => $"task t-1 ({s})",
            options,
            progress,
            _time,
            cancellationToken));

    /// <summary>Advances the clock by each wait once the poller has started it.</summary>
    private async Task DriveAsync(Task polling, params TimeSpan[] waits)
    {
        var started = new Dictionary<TimeSpan, int>();
        foreach (var wait in waits)
        {
            started[wait] = started.GetValueOrDefault(wait) + 1;
            await _time.WaitForTimerAsync(wait, started[wait]);
            _time.Advance(wait);
        }

        await Task.WhenAny(polling, Task.Delay(TaskGuards.Patience));
    }

    /// <summary>Records reports synchronously (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class Recorder(List<string> reported) : IProgress<string>
    {
        public void Report(string value) => reported.Add(value);
    }
}
