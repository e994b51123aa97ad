using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Protocol;

/// <summary>How a V2 input's tokens were counted.</summary>
public sealed record PromptTokenDetails
{
    /// <summary>Input tokens served from the service's cache.</summary>
    [JsonPropertyName("cached_tokens")]
    public int? CachedTokens { get; set; }
}
