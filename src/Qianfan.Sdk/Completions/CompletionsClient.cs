using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Json;
using Qianfan.Sdk.Core.Telemetry;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Completions;

/// <summary>
/// V1 completions (续写, <c>completions/{endpoint}</c>): continue a prompt, whole or streamed, for the completion
/// models (SQLCoder-7B, CodeLlama-7b-Instruct) and custom services. No multi-turn. Get it from
/// <see cref="QianfanClient.Completions"/>. Methods are virtual so tests can substitute the client.
/// </summary>
public class CompletionsClient
{
    private readonly QianfanApi? _api;
    private readonly ILogger? _logger;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected CompletionsClient()
    {
    }

    internal CompletionsClient(QianfanApi api)
    {
        _api = api;
        _logger = api.CreateLogger("Completions");
    }

    /// <summary>Continues the prompt and returns the whole continuation.</summary>
    /// <exception cref="QianfanValidationException">The request breaks one of the documented rules; nothing was sent.</exception>
    /// <exception cref="QianfanException">The service reported an error.</exception>
    public virtual Task<CompletionResponse> CompleteAsync(CompletionRequest request, CancellationToken cancellationToken = default)
    {
        var endpoint = CompletionRequestValidator.Validate(request);
        var api = Api;
        return api.Pipeline.SendAsync(Call(api, request, endpoint, stream: false), CompletionsJsonContext.Default.CompletionResponse, cancellationToken);
    }

    /// <summary>
    /// Continues the prompt with <c>stream: true</c> and yields each piece as it arrives, ending with the piece marked
    /// <c>is_end</c>; a stream cut before it throws <see cref="QianfanStreamEndedException"/> after the pieces received.
    /// </summary>
    /// <exception cref="QianfanValidationException">The request breaks one of the documented rules; nothing was sent.</exception>
    public virtual IAsyncEnumerable<CompletionChunk> StreamAsync(CompletionRequest request, CancellationToken cancellationToken = default)
    {
        var endpoint = CompletionRequestValidator.Validate(request);
        var api = Api;
        return api.Pipeline.StreamAsync(Call(api, request, endpoint, stream: true), V1Events.Parser(CompletionsJsonContext.Default.CompletionChunk), cancellationToken);
    }

    private QianfanApi Api => _api ?? throw new InvalidOperationException("This CompletionsClient was made for mocking and cannot send.");

    private ApiCall Call(QianfanApi api, CompletionRequest request, string endpoint, bool stream) => new(
        HttpMethod.Post,
        api.V1Url("completions", endpoint),
        JsonBody.Serialize(CompletionRequestBody.From(request, stream), CompletionsJsonContext.Default.CompletionRequestBody, request.ExtraFields),
        "text_completion",
        "completions/" + endpoint,
        request.Model,
        stream,
        _logger!,
        new SamplingTags(request.Temperature, request.TopP, request.TopK, request.MaxOutputTokens));
}
