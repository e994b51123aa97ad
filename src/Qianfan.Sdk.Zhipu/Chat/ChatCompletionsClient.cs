using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Json;
using Qianfan.Sdk.Core.Telemetry;
using Qianfan.Sdk.Zhipu.Errors;
using Qianfan.Sdk.Zhipu.Protocol;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>
/// Chat completions (<c>POST /chat/completions</c>): one-shot and streamed replies, tools and streamed tool calls,
/// reasoning. Get it from <c>ZhipuClient.Chat</c>. Methods are virtual so tests can substitute the client.
/// </summary>
public class ChatCompletionsClient
{
    internal const string Path = "/chat/completions";
    private const string Target = "chat/completions";

    private readonly ZhipuApi? _api;
    private readonly string _url = "";
    private readonly ILogger? _logger;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected ChatCompletionsClient()
    {
    }

    internal ChatCompletionsClient(ZhipuApi api)
    {
        _api = api;
        _url = api.Url(Path);
        _logger = api.CreateLogger("Chat");
    }

    /// <summary>Sends the conversation and returns the whole reply.</summary>
    /// <exception cref="ZhipuValidationException">The request breaks one of the documented rules; nothing was sent.</exception>
    /// <exception cref="ZhipuException">The service reported an error (see <see cref="ZhipuException.ErrorCode"/>).</exception>
    public virtual Task<ChatCompletion> CompleteAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        ChatCompletionRequestValidator.Validate(request);
        var api = Api;
        return api.Pipeline.SendAsync(Call(request, stream: false), ChatJsonContext.Default.ChatCompletion, cancellationToken);
    }

    /// <summary>
    /// Sends the conversation with <c>stream: true</c> and yields each piece as it arrives, ending at
    /// <c>data: [DONE]</c>; a stream cut before it throws <see cref="ZhipuStreamEndedException"/> after the pieces
    /// received. The request is validated now and sent on first iteration.
    /// </summary>
    /// <exception cref="ZhipuValidationException">The request breaks one of the documented rules; nothing was sent.</exception>
    public virtual IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        ChatCompletionRequestValidator.Validate(request);
        var api = Api;
        return api.Pipeline.StreamAsync(Call(request, stream: true), ChatCompletionEvents.Parser, cancellationToken);
    }

    private ZhipuApi Api => _api ?? throw new InvalidOperationException("This ChatCompletionsClient was made for mocking and cannot send.");

    private ApiCall Call(ChatCompletionRequest request, bool stream) => new(
        HttpMethod.Post,
        _url,
        JsonBody.Serialize(ChatCompletionRequestBody.From(request, stream), ChatJsonContext.Default.ChatCompletionRequestBody, request.ExtraFields),
        "chat",
        Target,
        request.Model,
        stream,
        _logger!,
        new SamplingTags(request.Temperature, request.TopP, MaxTokens: request.MaxTokens));
}
