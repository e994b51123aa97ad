using System.Net;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Tests.TestSupport;
using Qianfan.Sdk.Zhipu;
using Qianfan.Sdk.Zhipu.Chat;
using Qianfan.Sdk.Zhipu.Errors;

namespace Qianfan.Sdk.Tests.Zhipu;

/// <summary>
/// Asynchronous chat: submitted (the sync body, to <c>/async/chat/completions</c>), then polled at
/// <c>/async-result/{id}</c> on the client's clock until the service says SUCCESS or FAIL — its own words, not the
/// FAILED the documentation's sample waits for — bounded by the polling timeout and the caller's cancellation.
/// </summary>
public sealed class AsyncChatTests
{
    [Fact]
    public async Task Submit_PostsTheSyncBodyWithoutStream_AndReturnsTheTaskId()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Task("PROCESSING", "task-42"));
        using var client = fake.CreateClient();

        var task = await client.AsyncChat.SubmitAsync(Story());

        Assert.Equal("task-42", task.Id);
        Assert.Equal(AsyncTaskStatus.Processing, task.TaskStatus);
        Assert.Equal("glm-4", task.Model);
        Assert.Equal("req-task-42", task.RequestId);
        var sent = Assert.Single(fake.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://zhipu.test/api/paas/v4/async/chat/completions", sent.Uri.AbsoluteUri);
        Assert.Equal(["messages", "model"], sent.JsonKeys);
    }

    [Fact]
    public async Task GetResult_GetsAsyncResultById_ReadingTheShellOrTheReply()
    {
        using var fake = new FakeZhipu();
        fake.RespondInTurn(() => ZhipuReplies.Task("PROCESSING", "task/7"), () => ZhipuReplies.Task("SUCCESS", "task/7", "从前有一只小兔子。"));
        using var client = fake.CreateClient();

        var running = await client.AsyncChat.GetResultAsync("task/7");
        var done = await client.AsyncChat.GetResultAsync("task/7");

        Assert.True(running.IsProcessing);
        Assert.Empty(running.Choices);
        Assert.Equal("", running.Content);
        Assert.Null(running.Usage);
        Assert.True(done.IsSucceeded);
        Assert.Equal("从前有一只小兔子。", done.Content);
        Assert.Equal(30, done.Usage!.TotalTokens);
        Assert.All(fake.Requests, r =>
        {
            Assert.Equal(HttpMethod.Get, r.Method);
            Assert.Equal("https://zhipu.test/api/paas/v4/async-result/task%2F7", r.Uri.AbsoluteUri);
            Assert.Empty(r.BodyBytes);
        });
    }

    [Fact]
    public async Task Complete_PollsOnTheClientsClockUntilSuccess_ReportingEveryState()
    {
        using var fake = new FakeZhipu();
        fake.RespondInTurn(
            () => ZhipuReplies.Task("PROCESSING"),
            () => ZhipuReplies.Task("PROCESSING"),
            () => ZhipuReplies.Task("PROCESSING"),
            () => ZhipuReplies.Task("SUCCESS", content: "从前有一只小兔子。"));
        using var client = fake.CreateClient();
        var states = new List<string?>();
        var progress = new SynchronousProgress<AsyncChatResult>(r => states.Add(r.TaskStatus));

        var call = client.AsyncChat.CompleteAsync(Story(), progress);
        await fake.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        fake.Time.Advance(TimeSpan.FromSeconds(2));
        await fake.Time.WaitForTimerAsync(TimeSpan.FromSeconds(3));
        fake.Time.Advance(TimeSpan.FromSeconds(3));
        var result = await call.OrHang();

        Assert.Equal("从前有一只小兔子。", result.Content);
        Assert.Equal(["PROCESSING", "PROCESSING", "SUCCESS"], states);
        Assert.Equal(["POST", "GET", "GET", "GET"], fake.Requests.Select(r => r.Method.Method));
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)], fake.Time.TimersStarted.Where(t => t < TimeSpan.FromSeconds(100)));
    }

    [Fact]
    public async Task Wait_OnAFailedTask_ThrowsTaskFailed_AtOnceNotAtTheCap()
    {
        using var fake = new FakeZhipu();
        fake.RespondInTurn(() => ZhipuReplies.Task("PROCESSING", "task-9"), () => ZhipuReplies.Task("FAIL", "task-9"));
        using var client = fake.CreateClient();

        var call = client.AsyncChat.WaitAsync("task-9");
        await fake.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        fake.Time.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<ZhipuTaskFailedException>(() => call.OrHang());

        Assert.Equal("task-9", error.TaskId);
        Assert.Equal("FAIL", error.TaskStatus);
        Assert.Equal("req-task-9", error.RequestId);
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task Wait_OnAStateTheServiceDoesNotDocument_StopsAndSaysSo()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Task("FAILED", "task-3"));
        using var client = fake.CreateClient();

        var error = await Assert.ThrowsAsync<ZhipuException>(() => client.AsyncChat.WaitAsync("task-3"));

        Assert.Contains("task_status 'FAILED', which the service does not document (PROCESSING, SUCCESS, FAIL)", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task Wait_IsBoundedByThePollingTimeout()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Task("PROCESSING", "task-5"));
        using var client = fake.CreateClient();
        var polling = new TaskPollingOptions { Interval = TimeSpan.FromSeconds(1), BackoffFactor = 1, MaxInterval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(3) };

        var call = client.AsyncChat.WaitAsync("task-5", polling: polling);
        for (var i = 1; i <= 3; i++)
        {
            await fake.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1), i);
            fake.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call.OrHang());
        Assert.Contains("task-5", error.Message, StringComparison.Ordinal);
        Assert.Contains("PROCESSING", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, fake.Requests.Count);
    }

    [Fact]
    public async Task Wait_HonoursCancellationWhileWaitingBetweenPolls()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Task("PROCESSING"));
        using var client = fake.CreateClient();
        using var cancellation = new CancellationTokenSource();

        var call = client.AsyncChat.WaitAsync("task-1", cancellationToken: cancellation.Token);
        await fake.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.OrHang());
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task Polling_TakesTheClientsSettings_UnlessTheCallGivesItsOwn()
    {
        using var fake = new FakeZhipu();
        fake.RespondInTurn(() => ZhipuReplies.Task("PROCESSING"), () => ZhipuReplies.Task("SUCCESS", content: "好"));
        using var client = fake.CreateClient(o => o.TaskPolling.Interval = TimeSpan.FromMilliseconds(250));

        var call = client.AsyncChat.WaitAsync("task-1");
        await fake.Time.WaitForTimerAsync(TimeSpan.FromMilliseconds(250));
        fake.Time.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Equal("好", (await call.OrHang()).Content);
    }

    [Fact]
    public async Task Poll_ThatFailsWithARetryableCode_IsRetriedLikeAnyCall()
    {
        using var fake = new FakeZhipu();
        fake.RespondInTurn(() => ZhipuReplies.Error(HttpStatusCode.TooManyRequests, "1302"), () => ZhipuReplies.Task("SUCCESS", content: "好"));
        using var client = fake.CreateClient(o => { o.Retry.MaxRetries = 1; o.Retry.BaseDelay = TimeSpan.Zero; });

        var call = client.AsyncChat.GetResultAsync("task-1");

        Assert.Equal("好", (await call.OrHang()).Content);
    }

    [Fact]
    public async Task GetResult_OfAnEmptyId_IsRefused()
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.AsyncChat.GetResultAsync(" "));
        Assert.Empty(fake.Requests);
    }

    private static ChatCompletionRequest Story() => new("glm-4")
    {
        Messages = { ChatMessage.User("请你作为童话故事大王,写一篇短篇童话故事,故事的主题是要永远保持一颗善良的心") },
    };

    /// <summary>Reports on the caller's thread, so a test sees every state in order (Progress{T} posts them).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
