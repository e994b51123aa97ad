using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>One answer of a V2 reply.</summary>
public sealed class ChatCompletionChoice
{
    /// <summary>Its position.</summary>
    [JsonPropertyName("index")]
    public int Index { get; init; }

    /// <summary>The assistant's message: text, or <see cref="ChatMessage.ToolCalls"/>.</summary>
    [JsonPropertyName("message")]
    public ChatMessage? Message { get; init; }

    /// <summary>Why it stopped: <c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c>.</summary>
    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; init; }
}
