using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>The tokens a call consumed, as the service counted them.</summary>
public sealed record ChatUsage
{
    /// <summary>Tokens in the input (messages and system).</summary>
    [JsonPropertyName("prompt_tokens")]
    public int PromptTokens { get; init; }

    /// <summary>Tokens in the reply.</summary>
    [JsonPropertyName("completion_tokens")]
    public int CompletionTokens { get; init; }

    /// <summary>Input plus reply tokens.</summary>
    [JsonPropertyName("total_tokens")]
    public int TotalTokens { get; init; }
}
