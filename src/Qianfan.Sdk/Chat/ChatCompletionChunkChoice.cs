using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>What one answer adds in a streamed piece.</summary>
public sealed class ChatCompletionChunkChoice
{
    /// <summary>Which answer.</summary>
    [JsonPropertyName("index")]
    public int Index { get; set; }

    /// <summary>The added text or tool-call pieces.</summary>
    [JsonPropertyName("delta")]
    public ChatCompletionDelta? Delta { get; set; }

    /// <summary>Set on the answer's last piece.</summary>
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
