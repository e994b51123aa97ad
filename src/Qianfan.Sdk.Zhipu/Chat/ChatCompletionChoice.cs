using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>One answer of a reply.</summary>
public sealed class ChatCompletionChoice
{
    /// <summary>Its position.</summary>
    [JsonPropertyName("index")]
    public int Index { get; set; }

    /// <summary>The assistant's message: text (and reasoning), or <see cref="ChatMessage.ToolCalls"/>.</summary>
    [JsonPropertyName("message")]
    public ChatMessage? Message { get; set; }

    /// <summary>
    /// Why it stopped: <c>stop</c>, <c>tool_calls</c>, <c>length</c>, <c>sensitive</c> (blocked by moderation),
    /// <c>network_error</c> (the inference failed) or <c>model_context_window_exceeded</c>.
    /// </summary>
    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; set; }
}
