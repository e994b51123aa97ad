using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>The wire form of a <see cref="ChatCompletionRequest"/>; null members are left out.</summary>
internal sealed class ChatCompletionRequestBody
{
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    [JsonPropertyName("messages")]
    public required IList<ChatMessage> Messages { get; init; }

    [JsonPropertyName("stream")]
    public bool? Stream { get; init; }

    [JsonPropertyName("do_sample")]
    public bool? DoSample { get; init; }

    [JsonPropertyName("temperature")]
    public float? Temperature { get; init; }

    [JsonPropertyName("top_p")]
    public float? TopP { get; init; }

    [JsonPropertyName("max_tokens")]
    public int? MaxTokens { get; init; }

    [JsonPropertyName("stop")]
    public IList<string>? Stop { get; init; }

    [JsonPropertyName("tools")]
    public IList<ChatTool>? Tools { get; init; }

    [JsonPropertyName("tool_choice")]
    public string? ToolChoice { get; init; }

    [JsonPropertyName("tool_stream")]
    public bool? ToolStream { get; init; }

    [JsonPropertyName("thinking")]
    public ChatThinking? Thinking { get; init; }

    [JsonPropertyName("response_format")]
    public ChatResponseFormat? ResponseFormat { get; init; }

    [JsonPropertyName("request_id")]
    public string? RequestId { get; init; }

    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    public static ChatCompletionRequestBody From(ChatCompletionRequest request, bool stream) => new()
    {
        Model = request.Model,
        Messages = request.Messages,
        Stream = stream ? true : null,
        DoSample = request.DoSample,
        Temperature = request.Temperature,
        TopP = request.TopP,
        MaxTokens = request.MaxTokens,
        Stop = request.Stop.Count == 0 ? null : request.Stop,
        Tools = request.Tools.Count == 0 ? null : request.Tools,
        ToolChoice = request.ToolChoice,
        ToolStream = request.ToolStream,
        Thinking = request.Thinking,
        ResponseFormat = request.ResponseFormat,
        RequestId = request.RequestId,
        UserId = request.UserId,
    };
}
