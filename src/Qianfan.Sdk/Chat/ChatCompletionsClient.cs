using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Json;
using Qianfan.Sdk.Core.Pipeline;
using Qianfan.Sdk.Core.Telemetry;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// V2 chat (<c>/v2/chat/completions</c>), Qianfan's OpenAI-compatible API: one-shot and streamed replies, tool calls.
/// Authenticates with a V2 API key or with a bearer token obtained with IAM keys. Get it from
/// <see cref="QianfanClient.ChatCompletions"/>. Methods are virtual so tests can substitute the client.
/// </summary>
public class ChatCompletionsClient
{
    private const string Target = "v2/chat/completions";

    private readonly QianfanApi? _api;
    private readonly string _url = "";
    private readonly ILogger? _logger;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected ChatCompletionsClient()
    {
    }

    internal ChatCompletionsClient(QianfanApi api)
    {
        _api = api;
        _url = api.BaseUrl + "/v2/chat/completions";
        _logger = api.CreateLogger("Chat");
    }

    /// <summary>Sends the conversation and returns the whole reply.</summary>
    /// <exception cref="QianfanValidationException">The request breaks one of the documented rules; nothing was sent.</exception>
    /// <exception cref="QianfanException">The service reported an error (see <see cref="QianfanException.ErrorName"/>).</exception>
    public virtual Task<ChatCompletion> CompleteAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        ChatCompletionRequestValidator.Validate(request);
        var api = Api;
        var reply = api.Pipeline.SendAsync(Call(request, stream: false), ChatJsonContext.Default.ChatCompletion, cancellationToken);
        return ModelCatalog.TryGetV2(request.Model, out _) ? reply : UnknownModel.Explain(reply, request.Model, ModelCatalog.SuggestV2);
    }

    /// <summary>
    /// Sends the conversation with <c>stream: true</c> and yields each piece as it arrives, ending at <c>[DONE]</c>;
    /// a stream cut before it throws <see cref="QianfanStreamEndedException"/> after the pieces received.
    /// </summary>
    /// <exception cref="QianfanValidationException">The request breaks one of the documented rules; nothing was sent.</exception>
    public virtual IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        ChatCompletionRequestValidator.Validate(request);
        var api = Api;
        var chunks = api.Pipeline.StreamAsync(Call(request, stream: true), ChatCompletionEvents.Parser, cancellationToken);
        return ModelCatalog.TryGetV2(request.Model, out _) ? chunks : UnknownModel.Explain(chunks, request.Model, ModelCatalog.SuggestV2, cancellationToken);
    }

    private QianfanApi Api => _api ?? throw new InvalidOperationException("This ChatCompletionsClient was made for mocking and cannot send.");

    private ApiCall Call(ChatCompletionRequest request, bool stream) => new(
        HttpMethod.Post,
        _url,
        JsonBody.Serialize(ChatCompletionRequestBody.From(request, stream), ChatJsonContext.Default.ChatCompletionRequestBody, request.ExtraFields),
        "chat",
        Target,
        request.Model,
        stream,
        _logger!,
        new SamplingTags(request.Temperature, request.TopP, MaxTokens: request.MaxCompletionTokens, FrequencyPenalty: request.FrequencyPenalty, PresencePenalty: request.PresencePenalty));
}
