using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>One turn of a conversation.</summary>
/// <param name="Role">Who said it.</param>
/// <param name="Content">What was said; must not be empty.</param>
public sealed record ChatMessage(
    [property: JsonPropertyName("role")] ChatRole Role,
    [property: JsonPropertyName("content")] string Content)
{
    /// <summary>A message from the end user.</summary>
    public static ChatMessage User(string content) => new(ChatRole.User, content);

    /// <summary>An earlier reply of the model, to give it the conversation so far.</summary>
    public static ChatMessage Assistant(string content) => new(ChatRole.Assistant, content);

    /// <summary>The persona or instructions, first in a V2 conversation.</summary>
    public static ChatMessage System(string content) => new(ChatRole.System, content);

    /// <summary>A tool's result for the assistant's call <paramref name="toolCallId"/> (V2).</summary>
    public static ChatMessage Tool(string toolCallId, string content) => new(ChatRole.Tool, content) { ToolCallId = toolCallId };

    /// <summary>The tools the assistant asked to call (V2 replies with <c>finish_reason: tool_calls</c>).</summary>
    [JsonPropertyName("tool_calls")]
    public IReadOnlyList<ChatToolCall>? ToolCalls { get; init; }

    /// <summary>For a <see cref="ChatRole.Tool"/> message: the call it answers.</summary>
    [JsonPropertyName("tool_call_id")]
    public string? ToolCallId { get; init; }
}
