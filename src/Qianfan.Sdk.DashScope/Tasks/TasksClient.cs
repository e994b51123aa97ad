using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Tasks;
using Qianfan.Sdk.DashScope.Errors;
using Qianfan.Sdk.DashScope.Protocol;

namespace Qianfan.Sdk.DashScope.Tasks;

/// <summary>
/// DashScope's asynchronous tasks, whatever submitted them (image synthesis …): their state (<c>GET {base}/tasks/{id}</c>),
/// cancelling one that is still pending (<c>POST {base}/tasks/{id}/cancel</c>), and waiting for one to end — polling
/// on the client's clock, bounded by <see cref="TaskPollingOptions.Timeout"/> and the caller's cancellation, each poll
/// an ordinary call retried like any. Get it from <see cref="DashScopeClient.Tasks"/>.
/// </summary>
public class TasksClient
{
    private readonly DashScopeApi? _api;
    private readonly TaskPollingOptions _polling = new();
    private readonly ILogger? _logger;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected TasksClient()
    {
    }

    internal TasksClient(DashScopeApi api, TaskPollingOptions polling)
    {
        _api = api;
        _polling = polling;
        _logger = api.CreateLogger("Tasks");
    }

    /// <summary>The task's state now. An id the service does not know answers <see cref="DashScopeTaskStatus.Unknown"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="taskId"/> is empty.</exception>
    /// <exception cref="DashScopeException">The service reported an error.</exception>
    public virtual Task<DashScopeTask> GetAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var api = Api;
        var url = api.Url("/tasks/" + Segment(taskId));
        return SendAsync(api, new ApiCall(HttpMethod.Get, url, null, "task", "tasks/get", null, false, _logger!), cancellationToken);
    }

    /// <summary>Cancels a task that is still <see cref="DashScopeTaskStatus.Pending"/>.</summary>
    /// <exception cref="DashScopeException">The task is no longer pending (<see cref="DashScopeErrorCodes.UnsupportedOperation"/>), or another error.</exception>
    public virtual async Task<DashScopeTaskCancellation> CancelAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var api = Api;
        var url = api.Url("/tasks/" + Segment(taskId) + "/cancel");
        var call = new ApiCall(HttpMethod.Post, url, null, "task", "tasks/cancel", null, false, _logger!);
        var cancelled = await api.Pipeline.SendAsync(call, TasksJsonContext.Default.DashScopeTaskCancellation, cancellationToken).ConfigureAwait(false);
        cancelled.TaskId = taskId;
        return cancelled;
    }

    /// <summary>
    /// Polls the task until it has ended (succeeded, failed, cancelled or unknown) and returns its last state, telling
    /// <paramref name="progress"/> each state seen. Check <see cref="DashScopeTask.Status"/>, or call
    /// <see cref="DashScopeTask.EnsureSucceeded"/>. Cancelling stops the waiting, not the task.
    /// </summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="polling">How often to poll and how long to wait; null for the client's <c>DashScopeOptions.TaskPolling</c>.</param>
    /// <param name="progress">Told every state as it is seen, if given.</param>
    /// <param name="cancellationToken">Stops the waiting.</param>
    /// <exception cref="TimeoutException">The task had not ended within <see cref="TaskPollingOptions.Timeout"/>.</exception>
    public virtual Task<DashScopeTask> WaitAsync(string taskId, TaskPollingOptions? polling = null, IProgress<DashScopeTask>? progress = null, CancellationToken cancellationToken = default)
    {
        var api = Api;
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        return TaskPoller.PollAsync(
            ct => GetAsync(taskId, ct),
            static task => task.IsFinished,
            static task => task.ToString(),
            polling ?? _polling,
            progress,
            api.Time,
            cancellationToken);
    }

    /// <summary>Waits for a task just submitted: one interval first (it cannot have ended yet), then as <see cref="WaitAsync"/>.</summary>
    internal async Task<DashScopeTask> WaitForSubmittedAsync(DashScopeTask submitted, TaskPollingOptions? polling, IProgress<DashScopeTask>? progress, CancellationToken cancellationToken)
    {
        var api = Api;
        var options = polling ?? _polling;
        if (options.Interval > TimeSpan.Zero)
        {
            await Task.Delay(options.Interval, api.Time, cancellationToken).ConfigureAwait(false);
        }

        return await WaitAsync(submitted.TaskId, options, progress, cancellationToken).ConfigureAwait(false);
    }

    private DashScopeApi Api => _api ?? throw new InvalidOperationException("This TasksClient was made for mocking and cannot send.");

    /// <summary>Sends a call whose answer is a task (a submission or a poll); an answer without <c>output</c> is malformed.</summary>
    internal static async Task<DashScopeTask> SendAsync(DashScopeApi api, ApiCall call, CancellationToken cancellationToken)
    {
        var task = await api.Pipeline.SendAsync(call, TasksJsonContext.Default.DashScopeTask, cancellationToken).ConfigureAwait(false);
        return task.OutputOrNull is { TaskId.Length: > 0 }
            ? task
            : throw (DashScopeException)api.Pipeline.Profile.Malformed(task.Response ?? new ServiceResponse(System.Net.HttpStatusCode.OK), "the service's answer names no task");
    }

    private static string Segment(string taskId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        return Uri.EscapeDataString(taskId);
    }
}
