using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>The part of the assistant's message a streamed piece adds.</summary>
public sealed class ChatCompletionDelta
{
    /// <summary>The role, on the first piece.</summary>
    [JsonPropertyName("role")]
    public ChatRole? Role { get; set; }

    /// <summary>Text to append.</summary>
    [JsonPropertyName("content")]
    public string? Content { get; set; }

    /// <summary>Reasoning to append (thinking models), before the answer's text.</summary>
    [JsonPropertyName("reasoning_content")]
    public string? ReasoningContent { get; set; }

    /// <summary>Tool-call pieces to merge by <see cref="ChatToolCall.Index"/>.</summary>
    [JsonPropertyName("tool_calls")]
    public IReadOnlyList<ChatToolCall>? ToolCalls { get; set; }
}
