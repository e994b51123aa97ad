using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Protocol;

/// <summary>How the input's tokens were counted.</summary>
public sealed record PromptTokenDetails
{
    /// <summary>Input tokens served from the context cache (<c>cached_tokens</c>).</summary>
    [JsonPropertyName("cached_tokens")]
    public int? CachedTokens { get; set; }
}
