using System.Net;
using System.Text.Json.Nodes;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.DashScope.Errors;
using Qianfan.Sdk.DashScope.Images;
using Qianfan.Sdk.DashScope.Tasks;
using Qianfan.Sdk.Tests.Pipeline;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.DashScope;

/// <summary>
/// Wanx image synthesis as an asynchronous task: the submission (<c>X-DashScope-Async: enable</c>, <c>size</c> with a
/// <c>*</c>), the polls of <c>tasks/{id}</c> through every state on the fake clock, the one awaitable operation with its
/// failure, timeout and cancellation, cancelling a pending task, and the request's rules.
/// </summary>
public sealed class ImageTaskTests : IDisposable
{
    private const string TaskId = "9e2b6ef6-285d-4efa-8651-4dbda7d571fa";

    private readonly FakeDashScope _fake = new();

    [Fact]
    public async Task Submit_PostsTheTaskAsynchronously_AndReturnsItPending()
    {
        _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.Task(TaskId, "PENDING")));
        using var client = _fake.CreateClient();

        var task = await client.Images.SubmitAsync(new ImageSynthesisRequest("一只奔跑的猫") { Style = ImageStyles.Sketch, Size = "1024*1024", N = 4, Seed = 42 }).OrHang();

        var sent = Assert.Single(_fake.Requests);
        Assert.Equal(FakeDashScope.ImageSynthesisUrl, sent.Uri.AbsoluteUri);
        Assert.Equal("enable", sent.Headers["X-DashScope-Async"]);
        Assert.Equal("Bearer " + FakeDashScope.ApiKey, sent.Authorization);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"model":"wanx-v1","input":{"prompt":"一只奔跑的猫"},"parameters":{"style":"<sketch>","size":"1024*1024","n":4,"seed":42}}"""),
            JsonNode.Parse(sent.Body)), sent.Body);
        Assert.Equal((TaskId, DashScopeTaskStatus.Pending, false), (task.TaskId, task.Status, task.IsFinished));
        Assert.Equal("6662e925-4846-9afe-a3af-0d131805d378", task.RequestId);
    }

    [Fact]
    public async Task Get_ReadsEveryField_OfASucceededTask()
    {
        _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.SucceededTask(TaskId)));
        using var client = _fake.CreateClient();

        var task = await client.Tasks.GetAsync(TaskId).OrHang();

        Assert.Equal(FakeDashScope.BaseUrl + "/tasks/" + TaskId, Assert.Single(_fake.Requests).Uri.AbsoluteUri);
        Assert.Equal(HttpMethod.Get, _fake.Requests[0].Method);
        Assert.Equal(DashScopeTaskStatus.Succeeded, task.Status);
        Assert.True(task.IsFinished);
        Assert.Equal(["https://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/1.png", "https://dashscope-result-sh.oss-cn-shanghai.aliyuncs.com/2.png"], task.Results.Select(r => r.Url));
        Assert.Equal((2, 2, 0), (task.Output.TaskMetrics!.Total, task.Output.TaskMetrics.Succeeded, task.Output.TaskMetrics.Failed));
        Assert.Equal(2, task.Usage!.ImageCount);
        Assert.Equal("2024-03-01 17:38:55.565", task.Output.EndTime);
        Assert.Same(task, task.EnsureSucceeded());
    }

    [Theory]
    [InlineData("PENDING", DashScopeTaskStatus.Pending, false)]
    [InlineData("RUNNING", DashScopeTaskStatus.Running, false)]
    [InlineData("SUSPENDED", DashScopeTaskStatus.Suspended, false)]
    [InlineData("SUCCEEDED", DashScopeTaskStatus.Succeeded, true)]
    [InlineData("FAILED", DashScopeTaskStatus.Failed, true)]
    [InlineData("CANCELED", DashScopeTaskStatus.Canceled, true)]
    [InlineData("UNKNOWN", DashScopeTaskStatus.Unknown, true)]
    [InlineData("SOMETHING_NEW", DashScopeTaskStatus.Unrecognized, false)]
    public async Task EveryState_IsRead_AndOnlyTheTerminalOnesEndTheWait(string wire, DashScopeTaskStatus status, bool finished)
    {
        _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.Task(TaskId, wire)));
        using var client = _fake.CreateClient();

        var task = await client.Tasks.GetAsync(TaskId).OrHang();

        Assert.Equal((status, finished), (task.Status, task.IsFinished));
    }

    [Fact]
    public async Task Generate_SubmitsThenPollsOnTheClock_ReportingEveryState_UntilTheImagesAreReady()
    {
        _fake.RespondInTurn(
            () => DashScopeReplies.Json(DashScopeReplies.Task(TaskId, "PENDING")),
            () => DashScopeReplies.Json(DashScopeReplies.Task(TaskId, "RUNNING")),
            () => DashScopeReplies.Json(DashScopeReplies.SucceededTask(TaskId)));
        using var client = _fake.CreateClient(o => o.TaskPolling = new TaskPollingOptions { Interval = TimeSpan.FromSeconds(1), BackoffFactor = 2, MaxInterval = TimeSpan.FromSeconds(10) });
        var states = new List<DashScopeTaskStatus>();

        var generating = Task.Run(() => client.Images.GenerateAsync(new ImageSynthesisRequest("猫"), progress: new Recorder(states)));
        await AdvanceAsync(TimeSpan.FromSeconds(1), 1);
        await AdvanceAsync(TimeSpan.FromSeconds(1), 2);
        var task = await generating.OrHang();

        Assert.Equal([DashScopeTaskStatus.Pending, DashScopeTaskStatus.Running, DashScopeTaskStatus.Succeeded], states);
        Assert.Equal(2, task.Results.Count);
        Assert.Equal(3, _fake.Requests.Count);
        Assert.All(_fake.Requests.Skip(1), r => Assert.Equal(HttpMethod.Get, r.Method));
        Assert.False(_fake.Requests[1].Headers.ContainsKey("X-DashScope-Async"));
    }

    [Fact]
    public async Task Generate_OfATaskThatFails_ThrowsWithTheTasksCode()
    {
        _fake.RespondInTurn(
            () => DashScopeReplies.Json(DashScopeReplies.Task(TaskId, "PENDING")),
            () => DashScopeReplies.Json(DashScopeReplies.Task(TaskId, "FAILED", ",\"code\":\"DataInspectionFailed\",\"message\":\"Output data may contain inappropriate content.\"")));
        using var client = _fake.CreateClient(o => o.TaskPolling.Interval = TimeSpan.FromSeconds(1));

        var generating = Task.Run(() => client.Images.GenerateAsync(new ImageSynthesisRequest("猫")));
        await AdvanceAsync(TimeSpan.FromSeconds(1), 1);
        var error = await Assert.ThrowsAsync<DashScopeTaskFailedException>(() => generating.OrHang());

        Assert.Equal((TaskId, "FAILED", "DataInspectionFailed"), (error.TaskId, error.TaskStatus, error.Code));
        Assert.Contains("Output data may contain inappropriate content.", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
    }

    [Theory]
    [InlineData("CANCELED", "cancelled")]
    [InlineData("UNKNOWN", "does not know the task")]
    public async Task EnsureSucceeded_OfACancelledOrUnknownTask_SaysSo(string status, string reason)
    {
        _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.Task(TaskId, status)));
        using var client = _fake.CreateClient();

        var task = await client.Tasks.GetAsync(TaskId).OrHang();
        var error = Assert.Throws<DashScopeTaskFailedException>(() => task.EnsureSucceeded());

        Assert.Equal(status, error.TaskStatus);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_IsBounded_ByThePollingTimeout()
    {
        _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.Task(TaskId, "RUNNING")));
        using var client = _fake.CreateClient();
        var polling = new TaskPollingOptions { Interval = TimeSpan.FromSeconds(5), BackoffFactor = 1, Timeout = TimeSpan.FromSeconds(12) };

        var waiting = Task.Run(() => client.Tasks.WaitAsync(TaskId, polling));
        await AdvanceAsync(TimeSpan.FromSeconds(5), 1);
        await AdvanceAsync(TimeSpan.FromSeconds(5), 2);
        var error = await Assert.ThrowsAsync<TimeoutException>(() => waiting.OrHang());

        Assert.Contains(TaskId, error.Message, StringComparison.Ordinal);
        Assert.Contains("RUNNING", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _fake.Requests.Count);
    }

    [Fact]
    public async Task Wait_HonoursCancellation_BetweenPolls()
    {
        _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.Task(TaskId, "PENDING")));
        using var client = _fake.CreateClient(o => o.TaskPolling.Interval = TimeSpan.FromSeconds(2));
        using var cancellation = new CancellationTokenSource();

        var waiting = Task.Run(() => client.Tasks.WaitAsync(TaskId, cancellationToken: cancellation.Token));
        await _fake.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.OrHang());
        Assert.Single(_fake.Requests);
    }

    [Fact]
    public async Task Cancel_PostsToTheTasksCancelPath()
    {
        _fake.Respond(() => DashScopeReplies.Json("""{"request_id":"c-1"}"""));
        using var client = _fake.CreateClient();

        var cancelled = await client.Tasks.CancelAsync(TaskId).OrHang();

        var sent = Assert.Single(_fake.Requests);
        Assert.Equal((HttpMethod.Post, FakeDashScope.BaseUrl + "/tasks/" + TaskId + "/cancel"), (sent.Method, sent.Uri.AbsoluteUri));
        Assert.Equal((TaskId, "c-1"), (cancelled.TaskId, cancelled.RequestId));
    }

    [Fact]
    public async Task CancellingATaskNoLongerPending_IsTheServicesUnsupportedOperation()
    {
        _fake.Respond(() => DashScopeReplies.Error(HttpStatusCode.BadRequest, "UnsupportedOperation", "Failed to cancel the task, please confirm if the task is in PENDING status."));
        using var client = _fake.CreateClient();

        var error = await Assert.ThrowsAsync<DashScopeException>(() => client.Tasks.CancelAsync(TaskId)).OrHang();

        Assert.Equal(DashScopeErrorCodes.UnsupportedOperation, error.Code);
    }

    [Fact]
    public async Task ATaskIdIsEscapedInThePath()
    {
        _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.Task("a/b", "UNKNOWN")));
        using var client = _fake.CreateClient();

        await client.Tasks.GetAsync("a/b").OrHang();

        Assert.EndsWith("/tasks/a%2Fb", Assert.Single(_fake.Requests).Uri.AbsoluteUri, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => client.Tasks.GetAsync(" "));
    }

    [Fact]
    public async Task AnAnswerNamingNoTask_IsMalformed()
    {
        _fake.Respond(() => DashScopeReplies.Json("""{"request_id":"r"}"""));
        using var client = _fake.CreateClient();

        var error = await Assert.ThrowsAsync<DashScopeException>(() => client.Images.SubmitAsync(new ImageSynthesisRequest("猫"))).OrHang();

        Assert.Contains("names no task", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APollThatMeetsA503_IsRepeated_AndTheWaitGoesOn()
    {
        _fake.RespondInTurn(
            () => TestReplies.Text("busy", "text/plain", HttpStatusCode.ServiceUnavailable),
            () => DashScopeReplies.Json(DashScopeReplies.SucceededTask(TaskId)));
        using var client = _fake.CreateClient(o => { o.Retry.MaxRetries = 2; o.Retry.BaseDelay = TimeSpan.Zero; });

        var task = await client.Tasks.WaitAsync(TaskId).OrHang();

        Assert.Equal(DashScopeTaskStatus.Succeeded, task.Status);
        Assert.Equal(2, _fake.Requests.Count);
    }

    public static TheoryData<string> ImageRules() => [.. ImageCases.Keys];

    private static readonly Dictionary<string, (Action<ImageSynthesisRequest> Break, string Field, string Rule)> ImageCases = new()
    {
        ["size with x"] = (r => r.Size = "1024x1024", "parameters.size", "'1024*1024', not 'x'"),
        ["size not a size"] = (r => r.Size = "large", "parameters.size", "must be width*height"),
        ["size zero"] = (r => r.Size = "0*512", "parameters.size", "must be width*height"),
        ["style unknown"] = (r => r.Style = "sketch", "parameters.style", "must be one of <auto>"),
        ["n 5"] = (r => r.N = 5, "parameters.n", "must be in [1, 4]"),
        ["seed negative"] = (r => r.Seed = -1, "parameters.seed", "must be 0 or more"),
        ["ref_strength 2"] = (r => { r.RefImage = new Uri("https://example.com/a.png"); r.RefStrength = 2; }, "parameters.ref_strength", "must be in [0, 1]"),
        ["ref_mode unknown"] = (r => { r.RefImage = new Uri("https://example.com/a.png"); r.RefMode = "copy"; }, "parameters.ref_mode", "repaint or refonly"),
        ["ref_mode without image"] = (r => r.RefMode = "repaint", "parameters.ref_mode", "need input.ref_img"),
        ["ref_img not http"] = (r => r.RefImage = new Uri("file:///tmp/a.png"), "input.ref_img", "http or https URL"),
        ["extra repeats a field"] = (r => r.AdditionalParameters["size"] = "1*1", "AdditionalParameters['size']", "repeats parameters.size"),
    };

    [Theory]
    [MemberData(nameof(ImageRules))]
    public async Task ABrokenImageRule_NamesTheFieldAndTheRule_AndNothingIsSent(string rule)
    {
        var (breakIt, field, message) = ImageCases[rule];
        using var client = _fake.CreateClient();
        var request = new ImageSynthesisRequest("一只猫");
        breakIt(request);

        var error = await Assert.ThrowsAsync<DashScopeValidationException>(() => client.Images.GenerateAsync(request)).OrHang();

        Assert.Equal(field, error.ParamName);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(_fake.Requests);
    }

    [Fact]
    public async Task ABlankPrompt_IsRefused()
    {
        using var client = _fake.CreateClient();

        var error = await Assert.ThrowsAsync<DashScopeValidationException>(() => client.Images.SubmitAsync(new ImageSynthesisRequest(" "))).OrHang();

        Assert.Equal("input.prompt", error.ParamName);
    }

    public void Dispose() => _fake.Dispose();

    /// <summary>Advances the clock by <paramref name="wait"/> once the <paramref name="count"/>-th timer of that length has started.</summary>
    private async Task AdvanceAsync(TimeSpan wait, int count)
    {
        await _fake.Time.WaitForTimerAsync(wait, count);
        _fake.Time.Advance(wait);
    }

    private sealed class Recorder(List<DashScopeTaskStatus> states) : IProgress<DashScopeTask>
    {
        public void Report(DashScopeTask value) => states.Add(value.Status);
    }
}
