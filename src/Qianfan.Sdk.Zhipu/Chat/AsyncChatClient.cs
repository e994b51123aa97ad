using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Json;
using Qianfan.Sdk.Core.Tasks;
using Qianfan.Sdk.Core.Telemetry;
using Qianfan.Sdk.Zhipu.Errors;
using Qianfan.Sdk.Zhipu.Protocol;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>
/// Asynchronous chat: the service runs the request as a task (<c>POST /async/chat/completions</c>) and keeps its
/// result for a poll (<c>GET /async-result/{id}</c>). <see cref="CompleteAsync"/> does both as one awaitable call,
/// polling on the client's clock until the service says <c>SUCCESS</c> or <c>FAIL</c>, bounded by
/// <see cref="TaskPollingOptions.Timeout"/> and your cancellation, telling a progress callback each state; a caller who
/// keeps the id uses <see cref="SubmitAsync"/>, then <see cref="GetResultAsync"/> or <see cref="WaitAsync"/>. Get it
/// from <c>ZhipuClient.AsyncChat</c>. Methods are virtual so tests can substitute the client.
/// </summary>
public class AsyncChatClient
{
    internal const string SubmitPath = "/async/chat/completions";
    internal const string ResultPath = "/async-result/";

    private readonly ZhipuApi? _api;
    private readonly TaskPollingOptions _polling = new();
    private readonly ILogger? _logger;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected AsyncChatClient()
    {
    }

    internal AsyncChatClient(ZhipuApi api, TaskPollingOptions polling)
    {
        _api = api;
        _polling = polling;
        _logger = api.CreateLogger("Chat");
    }

    /// <summary>Submits the request as a task and returns its id; the reply is fetched later.</summary>
    /// <exception cref="ZhipuValidationException">The request breaks one of the documented rules; nothing was sent.</exception>
    /// <exception cref="ZhipuException">The service refused the task.</exception>
    public virtual Task<AsyncChatTask> SubmitAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        ChatCompletionRequestValidator.Validate(request);
        var api = Api;
        var body = JsonBody.Serialize(ChatCompletionRequestBody.From(request, stream: false), ChatJsonContext.Default.ChatCompletionRequestBody, request.ExtraFields);
        return api.Pipeline.SendAsync(
            new ApiCall(HttpMethod.Post, api.Url(SubmitPath), body, "chat", "async/chat/completions", request.Model, false, _logger!, new SamplingTags(request.Temperature, request.TopP, MaxTokens: request.MaxTokens)),
            ChatJsonContext.Default.AsyncChatTask,
            cancellationToken);
    }

    /// <summary>Asks once for the task's state, and its reply once it has succeeded.</summary>
    /// <param name="taskId">The id <see cref="SubmitAsync"/> returned.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="taskId"/> is empty.</exception>
    /// <exception cref="ZhipuException">The service reported an error (an unknown id, for one).</exception>
    public virtual Task<AsyncChatResult> GetResultAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        var api = Api;
        return api.Pipeline.SendAsync(
            new ApiCall(HttpMethod.Get, api.Url(ResultPath + Uri.EscapeDataString(taskId)), null, "async_result", "async-result", null, false, _logger!),
            ChatJsonContext.Default.AsyncChatResult,
            cancellationToken);
    }

    /// <summary>
    /// Polls the task until the service says it has ended, telling <paramref name="progress"/> each state (the first
    /// poll at once, the next after <see cref="TaskPollingOptions.Interval"/>, growing by its factor). Each poll is an
    /// ordinary call, retried like any.
    /// </summary>
    /// <param name="taskId">The id <see cref="SubmitAsync"/> returned.</param>
    /// <param name="progress">Told every state polled, <c>PROCESSING</c> ones included; may be null.</param>
    /// <param name="polling">How often and how long to poll; null takes the client's (<c>ZhipuOptions.TaskPolling</c>).</param>
    /// <param name="cancellationToken">Stops the waiting (the task runs on at the service; its id still fetches it).</param>
    /// <returns>The result of a task that succeeded.</returns>
    /// <exception cref="ZhipuTaskFailedException">The task ended with <c>FAIL</c>.</exception>
    /// <exception cref="TimeoutException">It had not ended within the polling timeout.</exception>
    /// <exception cref="ZhipuException">A poll failed, or the service reported a state it does not document.</exception>
    public virtual async Task<AsyncChatResult> WaitAsync(string taskId, IProgress<AsyncChatResult>? progress = null, TaskPollingOptions? polling = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        var api = Api;
        var result = await TaskPoller.PollAsync(
            ct => GetResultAsync(taskId, ct),
            static r => r.TaskStatus != AsyncTaskStatus.Processing,
            r => $"The asynchronous task {taskId} (last task_status {r.TaskStatus})",
            polling ?? _polling,
            progress,
            api.Time,
            cancellationToken).ConfigureAwait(false);

        return result.TaskStatus switch
        {
            AsyncTaskStatus.Success => result,
            AsyncTaskStatus.Fail => throw new ZhipuTaskFailedException(taskId, result.TaskStatus, result.RequestId),
            _ => throw new ZhipuException(
                null,
                $"the asynchronous task {taskId} reported task_status '{result.TaskStatus}', which the service does not document (PROCESSING, SUCCESS, FAIL); fetch it again with GetResultAsync",
                result.RequestId,
                result.Response?.StatusCode),
        };
    }

    /// <summary>Submits the request as a task and waits for its reply (see <see cref="WaitAsync"/>).</summary>
    /// <exception cref="ZhipuValidationException">The request breaks one of the documented rules; nothing was sent.</exception>
    /// <exception cref="ZhipuTaskFailedException">The task ended with <c>FAIL</c>.</exception>
    /// <exception cref="TimeoutException">It had not ended within the polling timeout.</exception>
    public virtual async Task<AsyncChatResult> CompleteAsync(ChatCompletionRequest request, IProgress<AsyncChatResult>? progress = null, TaskPollingOptions? polling = null, CancellationToken cancellationToken = default)
    {
        var task = await SubmitAsync(request, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(task.Id))
        {
            throw new ZhipuException(null, "the service accepted the task without an id", task.RequestId, task.Response?.StatusCode);
        }

        return await WaitAsync(task.Id, progress, polling, cancellationToken).ConfigureAwait(false);
    }

    private ZhipuApi Api => _api ?? throw new InvalidOperationException("This AsyncChatClient was made for mocking and cannot send.");
}
