using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>What the reply's tokens were spent on.</summary>
public sealed record GenerationOutputTokensDetails
{
    /// <summary>Tokens a thinking model reasoned with (<c>reasoning_tokens</c>).</summary>
    [JsonPropertyName("reasoning_tokens")]
    public int ReasoningTokens { get; set; }
}
