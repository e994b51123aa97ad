using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>One message of a conversation (<c>input.messages[]</c>), or the assistant's answer (<c>output.choices[].message</c>).</summary>
public sealed class GenerationMessage
{
    /// <summary>For the serializer.</summary>
    [JsonConstructor]
    internal GenerationMessage()
    {
    }

    /// <summary>A message from <paramref name="role"/>.</summary>
    public GenerationMessage(GenerationRole role, string? content)
    {
        Role = role;
        Content = content ?? "";
    }

    /// <summary>Who speaks.</summary>
    [JsonPropertyName("role")]
    public GenerationRole Role { get; set; }

    /// <summary>The text ("" for an assistant message that only calls tools).</summary>
    [JsonPropertyName("content")]
    public string Content { get; set => field = value ?? ""; } = "";

    /// <summary>The tool calls of an assistant message; null when none.</summary>
    [JsonPropertyName("tool_calls")]
    public IReadOnlyList<GenerationToolCall>? ToolCalls { get; set; }

    /// <summary>On a tool message, the id of the call it answers.</summary>
    [JsonPropertyName("tool_call_id")]
    public string? ToolCallId { get; set; }

    /// <summary>On a tool message, the function's name (optional).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>A thinking model's reasoning before its answer (replies only; not sent back in a history).</summary>
    [JsonPropertyName("reasoning_content")]
    public string? ReasoningContent { get; set; }

    /// <summary>A system message: the persona (first message only).</summary>
    public static GenerationMessage System(string content) => new(GenerationRole.System, content);

    /// <summary>A user message.</summary>
    public static GenerationMessage User(string content) => new(GenerationRole.User, content);

    /// <summary>An assistant message: an earlier answer, with the tool calls it made, if any.</summary>
    public static GenerationMessage Assistant(string content, IReadOnlyList<GenerationToolCall>? toolCalls = null) =>
        new(GenerationRole.Assistant, content) { ToolCalls = toolCalls is { Count: > 0 } ? toolCalls : null };

    /// <summary>A tool's result, answering the call <paramref name="toolCallId"/>.</summary>
    public static GenerationMessage Tool(string toolCallId, string content, string? name = null) =>
        new(GenerationRole.Tool, content) { ToolCallId = toolCallId, Name = name };

    /// <summary>The role and the text's length, not the text (it may be private).</summary>
    public override string ToString() => $"{Role}: {Content.Length} characters{(ToolCalls is { Count: > 0 } calls ? $", {calls.Count} tool call(s)" : "")}";
}
