using System.Text.Json;
using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;

namespace Qianfan.Sdk.Protocol;

/// <summary>The tokens a call consumed, as the service counted them.</summary>
public sealed record TokenUsage
{
    /// <summary>Tokens in the input (messages, system, prompt or texts).</summary>
    [JsonPropertyName("prompt_tokens")]
    public int PromptTokens { get; set; }

    /// <summary>Tokens in the reply; 0 for calls that generate nothing (embeddings, rerank).</summary>
    [JsonPropertyName("completion_tokens")]
    public int CompletionTokens { get; set; }

    /// <summary>Input plus reply tokens: what the call is charged.</summary>
    [JsonPropertyName("total_tokens")]
    public int TotalTokens { get; set; }

    /// <summary>V2: what the reply's tokens were spent on (<c>completion_tokens_details</c>), where given.</summary>
    [JsonPropertyName("completion_tokens_details")]
    public CompletionTokenDetails? CompletionTokensDetails { get; set; }

    /// <summary>V2: how the input's tokens were counted (<c>prompt_tokens_details</c>), where given.</summary>
    [JsonPropertyName("prompt_tokens_details")]
    public PromptTokenDetails? PromptTokensDetails { get; set; }

    /// <summary>V1: the tokens plugins (such as web search) used (<c>plugins</c>), as the service sent them.</summary>
    [JsonPropertyName("plugins")]
    public JsonElement? Plugins { get; set; }

    internal UsageCounts Counts => new(PromptTokens, CompletionTokens, TotalTokens);
}
