using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Json;
using Qianfan.Sdk.DashScope.Errors;
using Qianfan.Sdk.DashScope.Protocol;
using Qianfan.Sdk.DashScope.Tasks;

namespace Qianfan.Sdk.DashScope.Images;

/// <summary>
/// Wanx image synthesis, an asynchronous API: <see cref="GenerateAsync"/> submits and waits as one awaitable
/// operation; <see cref="SubmitAsync"/> and <see cref="WaitAsync"/> (or <see cref="TasksClient.GetAsync"/>) are its two
/// steps apart. The images are URLs the service keeps for a limited time. Get it from <see cref="DashScopeClient.Images"/>.
/// </summary>
public class ImageSynthesisClient
{
    /// <summary>The path under the base URL.</summary>
    public const string Path = "/services/aigc/text2image/image-synthesis";

    private static readonly KeyValuePair<string, string>[] AsyncHeader = [new("X-DashScope-Async", "enable")];

    private readonly DashScopeApi? _api;
    private readonly TasksClient? _tasks;
    private readonly string _url = "";
    private readonly ILogger? _logger;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected ImageSynthesisClient()
    {
    }

    internal ImageSynthesisClient(DashScopeApi api, TasksClient tasks)
    {
        _api = api;
        _tasks = tasks;
        _url = api.Url(Path);
        _logger = api.CreateLogger("Images");
    }

    /// <summary>Submits the task (<c>X-DashScope-Async: enable</c>) and returns it, <see cref="DashScopeTaskStatus.Pending"/>, with its id.</summary>
    /// <exception cref="DashScopeValidationException">The request breaks one of the documented rules; nothing was sent.</exception>
    /// <exception cref="DashScopeException">The service refused it.</exception>
    public virtual Task<DashScopeTask> SubmitAsync(ImageSynthesisRequest request, CancellationToken cancellationToken = default)
    {
        ImageSynthesisRequestValidator.Validate(request);
        var api = Api;
        var body = JsonBody.Serialize(ImageSynthesisRequestBody.From(request), ImagesJsonContext.Default.ImageSynthesisRequestBody);
        var call = new ApiCall(HttpMethod.Post, _url, body, "image_generation", "image-synthesis", request.Model, false, _logger!, Headers: AsyncHeader);
        return TasksClient.SendAsync(api, call, cancellationToken);
    }

    /// <summary>Waits for a submitted task to end and returns its last state (see <see cref="TasksClient.WaitAsync"/>).</summary>
    public virtual Task<DashScopeTask> WaitAsync(string taskId, TaskPollingOptions? polling = null, IProgress<DashScopeTask>? progress = null, CancellationToken cancellationToken = default) =>
        Tasks.WaitAsync(taskId, polling, progress, cancellationToken);

    /// <summary>
    /// Draws the request as one operation: submits the task, polls it until it ends (telling <paramref name="progress"/>
    /// each state, the submission's first) and returns it once it has succeeded, its images in <see cref="DashScopeTask.Results"/>.
    /// </summary>
    /// <param name="request">What to draw.</param>
    /// <param name="polling">How often to poll and how long to wait; null for the client's <c>DashScopeOptions.TaskPolling</c>.</param>
    /// <param name="progress">Told every state as it is seen, if given.</param>
    /// <param name="cancellationToken">Stops the waiting (the task runs on at the service).</param>
    /// <exception cref="DashScopeValidationException">The request breaks one of the documented rules; nothing was sent.</exception>
    /// <exception cref="DashScopeTaskFailedException">The task failed (with its code), was cancelled, or is unknown.</exception>
    /// <exception cref="TimeoutException">It had not ended within the polling timeout.</exception>
    public virtual async Task<DashScopeTask> GenerateAsync(ImageSynthesisRequest request, TaskPollingOptions? polling = null, IProgress<DashScopeTask>? progress = null, CancellationToken cancellationToken = default)
    {
        var submitted = await SubmitAsync(request, cancellationToken).ConfigureAwait(false);
        progress?.Report(submitted);
        if (submitted.IsFinished)
        {
            return submitted.EnsureSucceeded();
        }

        var ended = await Tasks.WaitForSubmittedAsync(submitted, polling, progress, cancellationToken).ConfigureAwait(false);
        return ended.EnsureSucceeded();
    }

    private DashScopeApi Api => _api ?? throw new InvalidOperationException("This ImageSynthesisClient was made for mocking and cannot send.");

    private TasksClient Tasks => _tasks ?? throw new InvalidOperationException("This ImageSynthesisClient was made for mocking and cannot send.");
}
