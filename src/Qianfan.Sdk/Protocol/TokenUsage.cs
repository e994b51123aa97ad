using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;

namespace Qianfan.Sdk.Protocol;

/// <summary>The tokens a call consumed, as the service counted them.</summary>
public sealed record TokenUsage
{
    /// <summary>Tokens in the input (messages, system, prompt or texts).</summary>
    [JsonPropertyName("prompt_tokens")]
    public int PromptTokens { get; init; }

    /// <summary>Tokens in the reply; 0 for calls that generate nothing (embeddings, rerank).</summary>
    [JsonPropertyName("completion_tokens")]
    public int CompletionTokens { get; init; }

    /// <summary>Input plus reply tokens: what the call is charged.</summary>
    [JsonPropertyName("total_tokens")]
    public int TotalTokens { get; init; }

    internal UsageCounts Counts => new(PromptTokens, CompletionTokens, TotalTokens);
}
