using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Protocol;

/// <summary>What a V2 reply's tokens were spent on.</summary>
public sealed record CompletionTokenDetails
{
    /// <summary>Tokens of reasoning (thinking models), part of the completion tokens.</summary>
    [JsonPropertyName("reasoning_tokens")]
    public int? ReasoningTokens { get; set; }
}
