using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;

namespace Qianfan.Sdk.Zhipu.Protocol;

/// <summary>The tokens a call consumed, as the service counted them (<c>usage</c>).</summary>
public sealed record TokenUsage
{
    /// <summary>Tokens in the input (<c>prompt_tokens</c>).</summary>
    [JsonPropertyName("prompt_tokens")]
    public int PromptTokens { get; set; }

    /// <summary>Tokens in the reply (<c>completion_tokens</c>), reasoning included.</summary>
    [JsonPropertyName("completion_tokens")]
    public int CompletionTokens { get; set; }

    /// <summary>Input plus reply tokens: what the call is charged (<c>total_tokens</c>).</summary>
    [JsonPropertyName("total_tokens")]
    public int TotalTokens { get; set; }

    /// <summary>How the input's tokens were counted (<c>prompt_tokens_details</c>), where given.</summary>
    [JsonPropertyName("prompt_tokens_details")]
    public PromptTokenDetails? PromptTokensDetails { get; set; }

    /// <summary>What the reply's tokens were spent on (<c>completion_tokens_details</c>), where given.</summary>
    [JsonPropertyName("completion_tokens_details")]
    public CompletionTokenDetails? CompletionTokensDetails { get; set; }

    internal UsageCounts Counts => new(PromptTokens, CompletionTokens, TotalTokens);
}
