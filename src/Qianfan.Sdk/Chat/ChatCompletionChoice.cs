using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>One answer of a V2 reply.</summary>
public sealed class ChatCompletionChoice
{
    /// <summary>Its position.</summary>
    [JsonPropertyName("index")]
    public int Index { get; set; }

    /// <summary>The assistant's message: text, or <see cref="ChatMessage.ToolCalls"/>.</summary>
    [JsonPropertyName("message")]
    public ChatMessage? Message { get; set; }

    /// <summary>Why it stopped: <c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c>.</summary>
    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; set; }

    /// <summary>True when the input was judged unsafe: close the conversation and clear its history.</summary>
    [JsonPropertyName("need_clear_history")]
    public bool NeedClearHistory { get; set; }

    /// <summary>With <see cref="NeedClearHistory"/>: the round that was sensitive; -1 is the current question.</summary>
    [JsonPropertyName("ban_round")]
    public int? BanRound { get; set; }

    /// <summary>The service's content flag, where given.</summary>
    [JsonPropertyName("flag")]
    public int? Flag { get; set; }
}
