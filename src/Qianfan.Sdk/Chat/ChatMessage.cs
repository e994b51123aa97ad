using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// One turn of a conversation: who said it and what, as text or (V2, for <c>-vl</c> models) as parts of text and
/// images; an assistant turn may carry reasoning, tool calls (V2) or a function call (V1).
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
    /// <param name="content">What was said; must not be empty (except on an assistant turn that calls a tool).</param>
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

    /// <summary>
    /// The message as parts (V2 user messages to vision models such as <c>ernie-4.5-turbo-vl</c>): text and
    /// images; null for a plain text message. When set, it is what is sent as <c>content</c>.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<ChatContentPart>? Parts { get; set; }

    /// <summary>The model's reasoning before its answer (V2 thinking models: ERNIE X1, ernie-5.0-thinking, deepseek-r1).</summary>
    [JsonPropertyName("reasoning_content")]
    public string? ReasoningContent { get; set; }

    /// <summary>The tools the assistant asked to call (V2 replies with <c>finish_reason: tool_calls</c>).</summary>
    [JsonPropertyName("tool_calls")]
    public IReadOnlyList<ChatToolCall>? ToolCalls { get; set; }

    /// <summary>For a <see cref="ChatRole.Tool"/> message: the call it answers.</summary>
    [JsonPropertyName("tool_call_id")]
    public string? ToolCallId { get; set; }

    /// <summary>The function the assistant asked to call (V1 function calling, <c>finish_reason: function_call</c>).</summary>
    [JsonPropertyName("function_call")]
    public ChatFunctionCall? FunctionCall { get; set; }

    /// <summary>For a <see cref="ChatRole.Function"/> message (V1): the function whose result it carries.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The <c>content</c> member as the service reads and writes it: a string, or an array of parts.</summary>
    [JsonInclude]
    [JsonPropertyName("content")]
    internal MessageContent WireContent
    {
        get => new(Content, Parts);
        set
        {
            Content = value.Text;
            Parts = value.Parts;
        }
    }

    /// <summary>A message from the end user.</summary>
    public static ChatMessage User(string content) => new(ChatRole.User, content);

    /// <summary>A message from the end user in parts, e.g. a question and an image (V2 vision models).</summary>
    public static ChatMessage User(params IReadOnlyList<ChatContentPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return new ChatMessage(ChatRole.User, string.Concat(parts.Select(p => p?.Text))) { Parts = parts };
    }

    /// <summary>An earlier reply of the model, to give it the conversation so far.</summary>
    public static ChatMessage Assistant(string content) => new(ChatRole.Assistant, content);

    /// <summary>The persona or instructions, first in a V2 conversation.</summary>
    public static ChatMessage System(string content) => new(ChatRole.System, content);

    /// <summary>A tool's result for the assistant's call <paramref name="toolCallId"/> (V2).</summary>
    public static ChatMessage Tool(string toolCallId, string content) => new(ChatRole.Tool, content) { ToolCallId = toolCallId };

    /// <summary>A function's result for the assistant's <see cref="FunctionCall"/> (V1 function calling).</summary>
    public static ChatMessage Function(string name, string content) => new(ChatRole.Function, content) { Name = name };
}
