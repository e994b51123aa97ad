using System.Collections.Concurrent;
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
/// V1 chat (<c>/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/{endpoint}</c>): one-shot replies and streamed replies.
/// Get it from <see cref="QianfanClient.Chat"/>. Methods are virtual so tests can substitute the client.
/// </summary>
public class ChatClient
{
    private readonly QianfanApi? _api;
    private readonly string _chatBase = "";
    private readonly ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);
    private readonly ILogger? _logger;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected ChatClient()
    {
    }

    internal ChatClient(QianfanApi api)
    {
        _api = api;
        _chatBase = api.BaseUrl + QianfanApi.V1Root + "chat/";
        _logger = api.CreateLogger("Chat");
    }

    /// <summary>Sends the conversation and returns the whole reply.</summary>
    /// <exception cref="QianfanValidationException">The request breaks one of the service's rules; nothing was sent.</exception>
    /// <exception cref="QianfanException">The service reported an error (see <see cref="QianfanException.ErrorCode"/>).</exception>
    public virtual Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var model = ChatRequestValidator.Validate(request, stream: false);
        var api = Api;
        ChatTokenCheck.WarnIfOverLimit(_logger!, request, model);
        var reply = api.Pipeline.SendAsync(Call(request, model, stream: false), ChatJsonContext.Default.ChatResponse, cancellationToken);
        return model.IsGuess ? UnknownModel.Explain(reply, model.Name, ModelCatalog.SuggestV1) : reply;
    }

    /// <summary>
    /// Sends the conversation with <c>stream: true</c> and yields each piece of the reply as it arrives. The request
    /// is validated at once and sent on first iteration. A stream that ends before its last piece throws
    /// <see cref="QianfanStreamEndedException"/> after the pieces already received.
    /// </summary>
    /// <exception cref="QianfanValidationException">The request breaks one of the service's rules; nothing was sent.</exception>
    public virtual IAsyncEnumerable<ChatChunk> StreamAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var model = ChatRequestValidator.Validate(request, stream: true);
        var api = Api;
        ChatTokenCheck.WarnIfOverLimit(_logger!, request, model);
        var chunks = api.Pipeline.StreamAsync(Call(request, model, stream: true), V1Events.Parser(ChatJsonContext.Default.ChatChunk), cancellationToken);
        return model.IsGuess ? UnknownModel.Explain(chunks, model.Name, ModelCatalog.SuggestV1, cancellationToken) : chunks;
    }

    private QianfanApi Api => _api ?? throw new InvalidOperationException("This ChatClient was made for mocking and cannot send.");

    private ApiCall Call(ChatRequest request, ModelSpec model, bool stream) => new(
        HttpMethod.Post,
        _urls.GetOrAdd(model.Endpoint, static (endpoint, chatBase) => chatBase + endpoint, _chatBase),
        JsonBody.Serialize(ChatRequestBody.From(request, stream), ChatJsonContext.Default.ChatRequestBody, request.ExtraFields),
        "chat",
        model.Operation,
        model.Name,
        stream,
        _logger!,
        new SamplingTags(request.Temperature, request.TopP, request.TopK, request.MaxOutputTokens, request.FrequencyPenalty, request.PresencePenalty));
}
