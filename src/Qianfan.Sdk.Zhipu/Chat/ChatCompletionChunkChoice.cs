using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>What one answer adds in a streamed piece.</summary>
public sealed class ChatCompletionChunkChoice
{
    /// <summary>Which answer.</summary>
    [JsonPropertyName("index")]
    public int Index { get; set; }

    /// <summary>The added text, reasoning or tool calls.</summary>
    [JsonPropertyName("delta")]
    public ChatCompletionDelta? Delta { get; set; }

    /// <summary>Set on the answer's last piece (see <see cref="ChatCompletionChoice.FinishReason"/>).</summary>
    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; set; }
}
