using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Json;
using Qianfan.Sdk.Core.Telemetry;
using Qianfan.Sdk.DashScope.Errors;
using Qianfan.Sdk.DashScope.Protocol;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>
/// Qwen text generation (<c>POST {base}/services/aigc/text-generation/generation</c>): one-shot or streamed, by
/// messages or by prompt, in either reply format. Errors are raised, never returned: a call that fails throws a
/// <see cref="DashScopeException"/> with the service's code, so no code reads the output of a failed reply. Get it from
/// <see cref="DashScopeClient.Generation"/>. Methods are virtual so tests can substitute the client.
/// </summary>
public class GenerationClient
{
    /// <summary>The path under the base URL.</summary>
    public const string Path = "/services/aigc/text-generation/generation";

    private const string Target = "text-generation";

    private readonly DashScopeApi? _api;
    private readonly string _url = "";
    private readonly ILogger? _logger;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected GenerationClient()
    {
    }

    internal GenerationClient(DashScopeApi api)
    {
        _api = api;
        _url = api.Url(Path);
        _logger = api.CreateLogger("Generation");
    }

    /// <summary>Sends the request and returns the whole reply.</summary>
    /// <exception cref="DashScopeValidationException">The request breaks one of the documented rules; nothing was sent.</exception>
    /// <exception cref="DashScopeException">The service reported an error (see <see cref="DashScopeException.Code"/>).</exception>
    public virtual Task<GenerationResponse> CompleteAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        GenerationRequestValidator.Validate(request);
        return CompleteCoreAsync(Api, Call(request, stream: false), cancellationToken);
    }

    /// <summary>
    /// Sends the request as a stream (<c>X-DashScope-SSE: enable</c>) and yields each event as it arrives, each with its
    /// new piece and the whole text so far, until the event with a finish reason; a stream cut before it throws
    /// <see cref="DashScopeStreamEndedException"/>, an <c>event:error</c> a <see cref="DashScopeException"/>, after the
    /// events received. The request is sent on first iteration.
    /// </summary>
    /// <exception cref="DashScopeValidationException">The request breaks one of the documented rules; nothing was sent.</exception>
    public virtual IAsyncEnumerable<GenerationChunk> StreamAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        GenerationRequestValidator.Validate(request);
        var api = Api;
        return StreamCoreAsync(api, Call(request, stream: true), cumulative: request.IncrementalOutput == false, cancellationToken);
    }

    private DashScopeApi Api => _api ?? throw new InvalidOperationException("This GenerationClient was made for mocking and cannot send.");

    private static async Task<GenerationResponse> CompleteCoreAsync(DashScopeApi api, ApiCall call, CancellationToken cancellationToken)
    {
        var response = await api.Pipeline.SendAsync(call, GenerationJsonContext.Default.GenerationResponse, cancellationToken).ConfigureAwait(false);
        return response.OutputOrNull is not null
            ? response
            : throw (DashScopeException)api.Pipeline.Profile.Malformed(response.Response ?? new ServiceResponse(System.Net.HttpStatusCode.OK), "the service's answer has no output");
    }

    private static async IAsyncEnumerable<GenerationChunk> StreamCoreAsync(DashScopeApi api, ApiCall call, bool cumulative, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var merger = new StreamMerger(cumulative);
        await foreach (var chunk in api.Pipeline.StreamAsync(call, GenerationEvents.Parser, cancellationToken).ConfigureAwait(false))
        {
            yield return merger.Merge(chunk);
        }
    }

    private ApiCall Call(GenerationRequest request, bool stream) => new(
        HttpMethod.Post,
        _url,
        JsonBody.Serialize(GenerationRequestBody.From(request, stream), GenerationJsonContext.Default.GenerationRequestBody),
        "chat",
        Target,
        request.Model,
        stream,
        _logger!,
        new SamplingTags(request.Temperature, request.TopP, request.TopK, request.MaxTokens, PresencePenalty: request.PresencePenalty));
}
