using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Protocol;

/// <summary>What the service's moderation found (<c>content_filter</c>): in which part, and how severe (0 the most).</summary>
public sealed record ContentFilterResult
{
    /// <summary>Where: <c>assistant</c> (the reply), <c>user</c> (the input) or <c>history</c>.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; set; }

    /// <summary>How severe, 0 to 3, 0 the most.</summary>
    [JsonPropertyName("level")]
    public int? Level { get; set; }
}
