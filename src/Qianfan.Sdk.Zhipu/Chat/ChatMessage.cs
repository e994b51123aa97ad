using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>
/// One turn of a conversation: who said it and what, as text or (for a vision model) as parts of text and images; an
/// assistant turn may carry the model's reasoning and the tools it asked to call, a tool turn the call it answers.
/// </summary>
public sealed record ChatMessage
{
    /// <summary>For the serializer.</summary>
    [JsonConstructor]
    internal ChatMessage()
    {
    }

    /// <summary>A text message.</summary>
    /// <param name="role">Who said it.</param>
    /// <param name="content">What was said; must not be empty (except on an assistant turn that calls tools).</param>
    public ChatMessage(ChatRole role, string content)
    {
        Role = role;
        Content = content;
    }

    /// <summary>Who said it.</summary>
    [JsonPropertyName("role")]
    public ChatRole Role { get; set; }

    /// <summary>What was said, as text: the message's text, or the text of its <see cref="Parts"/>; "" when none.</summary>
    [JsonIgnore]
    public string Content { get; set => field = value ?? ""; } = "";

    /// <summary>The message as parts (a user message to a vision model): text and images; null for a plain text message.</summary>
    [JsonIgnore]
    public IReadOnlyList<ChatContentPart>? Parts { get; set; }

    /// <summary>The model's reasoning before its answer (GLM-4.5 and later with thinking on); null when there is none.</summary>
    [JsonPropertyName("reasoning_content")]
    public string? ReasoningContent { get; set; }

    /// <summary>The tools the assistant asked to call (a reply with <c>finish_reason: tool_calls</c>).</summary>
    [JsonPropertyName("tool_calls")]
    public IReadOnlyList<ChatToolCall>? ToolCalls { get; set; }

    /// <summary>For a <see cref="ChatRole.Tool"/> message: the call it answers.</summary>
    [JsonPropertyName("tool_call_id")]
    public string? ToolCallId { get; set; }

    /// <summary>
    /// The <c>content</c> member as the service reads and writes it: a string or an array of parts; left out on an
    /// assistant turn that only calls tools (the service reads null there).
    /// </summary>
    [JsonInclude]
    [JsonPropertyName("content")]
    internal MessageContent? WireContent
    {
        get => Parts is null && Content.Length == 0 && ToolCalls is { Count: > 0 } ? null : new(Content, Parts);
        set
        {
            Content = value?.Text ?? "";
            Parts = value?.Parts;
        }
    }

    /// <summary>A message from the end user.</summary>
    public static ChatMessage User(string content) => new(ChatRole.User, content);

    /// <summary>A message from the end user in parts, e.g. a question and an image (vision models).</summary>
    public static ChatMessage User(params IReadOnlyList<ChatContentPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return new ChatMessage(ChatRole.User, string.Concat(parts.Select(p => p?.Text))) { Parts = parts };
    }

    /// <summary>An earlier reply of the model, to give it the conversation so far.</summary>
    public static ChatMessage Assistant(string content) => new(ChatRole.Assistant, content);

    /// <summary>The persona or instructions, first in a conversation.</summary>
    public static ChatMessage System(string content) => new(ChatRole.System, content);

    /// <summary>A tool's result for the assistant's call <paramref name="toolCallId"/>.</summary>
    public static ChatMessage Tool(string toolCallId, string content) => new(ChatRole.Tool, content) { ToolCallId = toolCallId };
}
