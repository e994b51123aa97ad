using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>The tokens a call consumed, as DashScope counts them (<c>input_tokens</c>, <c>output_tokens</c>); in a stream, so far.</summary>
public sealed record GenerationUsage
{
    /// <summary>Tokens in the input.</summary>
    [JsonPropertyName("input_tokens")]
    public int InputTokens { get; set; }

    /// <summary>Tokens in the reply (its reasoning included).</summary>
    [JsonPropertyName("output_tokens")]
    public int OutputTokens { get; set; }

    /// <summary>Input plus output tokens (their sum when the service leaves it out).</summary>
    [JsonPropertyName("total_tokens")]
    public int TotalTokens { get => field > 0 ? field : InputTokens + OutputTokens; set; }

    /// <summary>How the input's tokens were counted (<c>prompt_tokens_details</c>), where given.</summary>
    [JsonPropertyName("prompt_tokens_details")]
    public GenerationInputTokensDetails? InputTokensDetails { get; set; }

    /// <summary>What the reply's tokens were spent on (<c>output_tokens_details</c>), where given.</summary>
    [JsonPropertyName("output_tokens_details")]
    public GenerationOutputTokensDetails? OutputTokensDetails { get; set; }

    internal UsageCounts Counts => new(InputTokens, OutputTokens, TotalTokens);
}
