using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Protocol;

/// <summary>What the reply's tokens were spent on.</summary>
public sealed record CompletionTokenDetails
{
    /// <summary>Tokens the model reasoned with before it answered (<c>reasoning_tokens</c>), where reported.</summary>
    [JsonPropertyName("reasoning_tokens")]
    public int? ReasoningTokens { get; set; }
}
