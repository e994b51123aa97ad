using System.Net;
using Microsoft.Extensions.Time.Testing;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.DashScope.Errors;
using Qianfan.Sdk.DashScope.Images;
using Qianfan.Sdk.DashScope.Tasks;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.IntegrationTests.Emulator;

namespace Qianfan.Sdk.IntegrationTests.DashScope;

/// <summary>
/// Wanx image synthesis against the emulator, on one fake clock shared by the emulator (which moves its tasks through
/// PENDING, RUNNING and SUCCEEDED) and the SDK (which polls): the one awaitable operation, the two steps apart, images
/// served by the emulator, failures, cancelling, unknown ids and the service's own refusals.
/// </summary>
public sealed class ImageTaskEmulatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
    private DashScopeSession _session = null!;

    public async Task InitializeAsync() =>
        _session = await DashScopeSession.StartAsync(
            new QianfanEmulatorOptions { TimeProvider = _time },
            o => o.TaskPolling = new TaskPollingOptions { Interval = TimeSpan.FromSeconds(1), BackoffFactor = 1, Timeout = TimeSpan.FromMinutes(1) },
            _time);

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Generate_WaitsThroughEveryState_AndReturnsUrlsTheEmulatorServes()
    {
        var states = new List<DashScopeTaskStatus>();

        var task = await DriveAsync(_session.Client.Images.GenerateAsync(new ImageSynthesisRequest("一只奔跑的猫") { Size = "320*200", N = 2 }, progress: new Recorder(states)));

        Assert.Equal(DashScopeTaskStatus.Succeeded, task.Status);
        Assert.Equal(DashScopeTaskStatus.Pending, states[0]);
        Assert.Contains(DashScopeTaskStatus.Running, states);
        Assert.Equal(DashScopeTaskStatus.Succeeded, states[^1]);
        Assert.Equal(2, task.Results.Count);
        Assert.Equal(2, task.Usage!.ImageCount);
        Assert.Equal((2, 2, 0), (task.Output.TaskMetrics!.Total, task.Output.TaskMetrics.Succeeded, task.Output.TaskMetrics.Failed));
        // On the fake clock, whose driver may have advanced it before the submission arrived: never the wall clock.
        var submitted = DateTime.ParseExact(task.Output.SubmitTime!, "yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(submitted, new DateTime(2026, 11, 22, 16, 0, 0), new DateTime(2026, 11, 22, 16, 0, 5));
        foreach (var result in task.Results)
        {
            Assert.StartsWith(_session.Emulator.BaseUrl + "/dashscope-results/", result.Url, StringComparison.Ordinal);
            var png = PngFile.Decode(await _session.Http.GetByteArrayAsync(result.Url));
            Assert.Equal((320, 200), (png.Width, png.Height));
        }

        var submission = _session.Emulator.Requests[0];
        Assert.Equal(("POST", "enable"), (submission.Method, submission.Headers["X-DashScope-Async"]));
        Assert.All(_session.Emulator.Requests.Skip(1).Where(r => r.Path.StartsWith("/api/v1/tasks/", StringComparison.Ordinal)), r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task TheTwoSteps_SubmitThenGet_SeeTheStateMoveWithTheClock()
    {
        var submitted = await _session.Client.Images.SubmitAsync(new ImageSynthesisRequest("猫"));
        var pending = await _session.Client.Tasks.GetAsync(submitted.TaskId);
        _time.Advance(TimeSpan.FromSeconds(1.5));
        var running = await _session.Client.Tasks.GetAsync(submitted.TaskId);
        _time.Advance(TimeSpan.FromSeconds(2));
        var done = await _session.Client.Tasks.GetAsync(submitted.TaskId);

        Assert.Equal(
            [DashScopeTaskStatus.Pending, DashScopeTaskStatus.Pending, DashScopeTaskStatus.Running, DashScopeTaskStatus.Succeeded],
            new[] { submitted, pending, running, done }.Select(t => t.Status));
        Assert.Equal(4, done.Results.Count);
    }

    [Fact]
    public async Task ATaskThatFails_EndsTheOperation_WithTheTasksCode()
    {
        _session.Scenarios.FailNextTasks(1, "DataInspectionFailed", "Output data may contain inappropriate content.");

        var error = await Assert.ThrowsAsync<DashScopeTaskFailedException>(() => DriveAsync(_session.Client.Images.GenerateAsync(new ImageSynthesisRequest("猫"))));

        Assert.Equal(("FAILED", "DataInspectionFailed"), (error.TaskStatus, error.Code));
    }

    [Fact]
    public async Task APendingTask_CanBeCancelled_ARunningOneCannot()
    {
        var first = await _session.Client.Images.SubmitAsync(new ImageSynthesisRequest("猫"));
        await _session.Client.Tasks.CancelAsync(first.TaskId);
        var cancelled = await _session.Client.Tasks.GetAsync(first.TaskId);
        var second = await _session.Client.Images.SubmitAsync(new ImageSynthesisRequest("狗"));
        _time.Advance(TimeSpan.FromSeconds(1.5));

        var error = await Assert.ThrowsAsync<DashScopeException>(() => _session.Client.Tasks.CancelAsync(second.TaskId));

        Assert.Equal(DashScopeTaskStatus.Canceled, cancelled.Status);
        Assert.Throws<DashScopeTaskFailedException>(() => cancelled.EnsureSucceeded());
        Assert.Equal((DashScopeErrorCodes.UnsupportedOperation, HttpStatusCode.BadRequest), (error.Code, error.StatusCode));
    }

    [Fact]
    public async Task AnUnknownId_IsUnknown_WithHttp200()
    {
        var task = await _session.Client.Tasks.GetAsync("1111");

        Assert.Equal((DashScopeTaskStatus.Unknown, true, "1111"), (task.Status, task.IsFinished, task.TaskId));
        Assert.Throws<DashScopeTaskFailedException>(() => task.EnsureSucceeded());
    }

    [Fact]
    public async Task WithoutTheAsyncHeader_TheServiceRefuses_AndSizesWithAnXAreInvalid()
    {
        using var synchronous = await _session.PostAsync(DashScopeSession.ImageSynthesisPath, """{"model":"wanx-v1","input":{"prompt":"猫"}}""");
        using var withX = await _session.PostAsync(DashScopeSession.ImageSynthesisPath, """{"model":"wanx-v1","input":{"prompt":"猫"},"parameters":{"size":"1024x1024"}}""", null, ("X-DashScope-Async", "enable"));

        Assert.Equal(HttpStatusCode.Forbidden, synchronous.StatusCode);
        Assert.Equal("AccessDenied", (await DashScopeSession.JsonAsync(synchronous)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, withX.StatusCode);
        Assert.Equal("InvalidParameter", (await DashScopeSession.JsonAsync(withX)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AWaitOnTheSdksSide_IsBoundedByItsTimeout_EvenIfTheTaskRunsOn()
    {
        _session.Scenarios.TaskRunningTime = TimeSpan.FromHours(1);
        var submitted = await _session.Client.Images.SubmitAsync(new ImageSynthesisRequest("猫"));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => DriveAsync(_session.Client.Tasks.WaitAsync(submitted.TaskId, new TaskPollingOptions { Interval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromSeconds(30) })));

        Assert.Contains(submitted.TaskId, error.Message, StringComparison.Ordinal);
        Assert.Contains("RUNNING", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Advances the shared fake clock a second at a time until the operation has finished (a generous real-time guard).</summary>
    private async Task<T> DriveAsync<T>(Task<T> operation)
    {
        for (var i = 0; i < 2000 && !operation.IsCompleted; i++)
        {
            await Task.Delay(5);
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }

        Assert.True(operation.IsCompleted, "the operation did not finish");
        return await operation;
    }

    private sealed class Recorder(List<DashScopeTaskStatus> states) : IProgress<DashScopeTask>
    {
        public void Report(DashScopeTask value)
        {
            lock (states)
            {
                states.Add(value.Status);
            }
        }
    }
}
