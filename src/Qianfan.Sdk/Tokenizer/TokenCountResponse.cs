using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Tokenizer;

/// <summary>The service's exact token count of a text (<c>tokenizer/erniebot</c>).</summary>
public sealed class TokenCountResponse : ServiceResult
{
    /// <summary>The answer's id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary><c>tokenizer.erniebot</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    /// <summary>When it was counted, in Unix seconds.</summary>
    [JsonPropertyName("created")]
    public long Created { get; set; }

    /// <summary>The count: <see cref="TokenUsage.PromptTokens"/> and <see cref="TokenUsage.TotalTokens"/>.</summary>
    [JsonPropertyName("usage")]
    public TokenUsage? Usage { get; set; }

    /// <summary>The text's tokens (<c>usage.total_tokens</c>).</summary>
    [JsonIgnore]
    public int TotalTokens => Usage?.TotalTokens ?? 0;

    /// <summary>The account's quota as the <c>X-Ratelimit-*</c> headers reported it; null when absent.</summary>
    [JsonIgnore]
    public RateLimitInfo? RateLimit => Response is { } response ? RateLimitInfo.FromHeaders(response.Headers) : null;

    internal override string? BodyId => Id;

    // Counting tokens costs none of the account's tokens, so nothing is charged to the TPM limit.
    internal override UsageCounts? ReportedUsage => null;
}
