using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>How the input's tokens were counted.</summary>
public sealed record GenerationInputTokensDetails
{
    /// <summary>Input tokens served from the context cache (<c>cached_tokens</c>).</summary>
    [JsonPropertyName("cached_tokens")]
    public int CachedTokens { get; set; }
}
