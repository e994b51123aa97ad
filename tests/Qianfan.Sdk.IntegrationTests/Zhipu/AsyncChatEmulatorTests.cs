using System.Net;
using Microsoft.Extensions.Time.Testing;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Zhipu.Chat;
using Qianfan.Sdk.Zhipu.Errors;

namespace Qianfan.Sdk.IntegrationTests.Zhipu;

/// <summary>
/// Asynchronous chat against the emulator, on one fake clock shared by the emulator (which moves a task from
/// PROCESSING to SUCCESS or FAIL) and the SDK (which polls): the one awaitable operation, the two steps apart, a failed
/// task ended at once, the bounded wait, cancellation and an unknown id.
/// </summary>
public sealed class AsyncChatEmulatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
    private ZhipuSession _session = null!;

    public async Task InitializeAsync() =>
        _session = await ZhipuSession.StartAsync(
            new QianfanEmulatorOptions { TimeProvider = _time },
            o => o.TaskPolling = new TaskPollingOptions { Interval = TimeSpan.FromSeconds(1), BackoffFactor = 1, Timeout = TimeSpan.FromMinutes(1) },
            _time);

    public async Task DisposeAsync() => await _session.DisposeAsync();

    private static ChatCompletionRequest Ask(string text) => new("glm-4") { Messages = { ChatMessage.User(text) } };

    [Fact]
    public async Task Complete_SubmitsAndWaits_AsOneCall()
    {
        var result = await Clock.DriveAsync(_time, _session.Client.AsyncChat.CompleteAsync(Ask("写一首关于秋天的诗")));

        Assert.True(result.IsSucceeded);
        Assert.Contains("写一首关于秋天的诗", result.Content, StringComparison.Ordinal);
        Assert.Equal("/api/paas/v4/async/chat/completions", _session.Emulator.Requests[0].Path);
    }

    [Fact]
    public async Task TheTwoSteps_SeeTheStateMoveWithTheClock()
    {
        var task = await _session.Client.AsyncChat.SubmitAsync(Ask("你好"));

        var early = await _session.Client.AsyncChat.GetResultAsync(task.Id);
        _time.Advance(_session.Scenarios.TaskProcessingTime);
        var done = await _session.Client.AsyncChat.GetResultAsync(task.Id);

        Assert.True(early.IsProcessing);
        Assert.Empty(early.Choices);
        Assert.True(done.IsSucceeded);
        Assert.Contains("你好", done.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailingPrompt_EndsTheWaitWithFail_AtOnceNotAtTheCap()
    {
        _session.Scenarios.TaskFailTrigger = "必然失败";
        var task = await _session.Client.AsyncChat.SubmitAsync(Ask("这个任务必然失败"));

        var error = await Assert.ThrowsAsync<ZhipuTaskFailedException>(() => Clock.DriveAsync(_time, _session.Client.AsyncChat.WaitAsync(task.Id)));

        Assert.Equal((task.Id, AsyncTaskStatus.Fail), (error.TaskId, error.TaskStatus));
        // Polled every second for the 3 s of processing: a handful of polls, not the sample's 40.
        Assert.InRange(_session.Emulator.Requests.Count - 1, 2, 6);
    }

    [Fact]
    public async Task FailNextTasks_FailsTheNextTaskOnly()
    {
        _session.Scenarios.FailNextTasks(1);

        await Assert.ThrowsAsync<ZhipuTaskFailedException>(() => Clock.DriveAsync(_time, _session.Client.AsyncChat.CompleteAsync(Ask("第一个"))));
        var second = await Clock.DriveAsync(_time, _session.Client.AsyncChat.CompleteAsync(Ask("第二个")));

        Assert.True(second.IsSucceeded);
    }

    [Fact]
    public async Task TheWait_IsBoundedByThePollingTimeout()
    {
        _session.Scenarios.TaskProcessingTime = TimeSpan.FromHours(1);
        var task = await _session.Client.AsyncChat.SubmitAsync(Ask("你好"));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => Clock.DriveAsync(_time, _session.Client.AsyncChat.WaitAsync(task.Id, polling: new TaskPollingOptions { Interval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromSeconds(30) })));

        Assert.Contains(task.Id, error.Message, StringComparison.Ordinal);
        Assert.Contains("PROCESSING", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWait_HonoursCancellation_AndTheTaskCanStillBeFetched()
    {
        _session.Scenarios.TaskProcessingTime = TimeSpan.FromMinutes(10);
        var task = await _session.Client.AsyncChat.SubmitAsync(Ask("你好"));
        using var cancel = new CancellationTokenSource();

        var wait = _session.Client.AsyncChat.WaitAsync(task.Id, cancellationToken: cancel.Token);
        await Clock.DriveAsync(_time, Task.Run(async () =>
        {
            while (_session.Emulator.Requests.Count < 3)
            {
                await Task.Delay(5);
            }

            return true;
        }));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.True((await _session.Client.AsyncChat.GetResultAsync(task.Id)).IsSucceeded);
    }

    [Fact]
    public async Task AnUnknownId_IsTheServicesError()
    {
        var error = await Assert.ThrowsAsync<ZhipuException>(() => _session.Client.AsyncChat.GetResultAsync("1234567890123456789"));

        Assert.Equal((ZhipuErrorCodes.InvalidField, HttpStatusCode.BadRequest), (error.ErrorCode, error.StatusCode));
    }
}
