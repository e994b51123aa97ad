using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Completions;

/// <summary>A whole continuation.</summary>
public sealed class CompletionResponse : ServiceResult
{
    /// <summary>The answer's id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary><c>completion</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    /// <summary>When it was made, in Unix seconds.</summary>
    [JsonPropertyName("created")]
    public long Created { get; set; }

    /// <summary>The continuation; "" when the service sent none.</summary>
    [JsonPropertyName("result")]
    public string Result { get; set => field = value ?? ""; } = "";

    /// <summary>Whether it was cut off (for example by <c>max_output_tokens</c>).</summary>
    [JsonPropertyName("is_truncated")]
    public bool IsTruncated { get; set; }

    /// <summary>True when the prompt was judged unsafe.</summary>
    [JsonPropertyName("need_clear_history")]
    public bool NeedClearHistory { get; set; }

    /// <summary>With <see cref="NeedClearHistory"/>: the round that was sensitive.</summary>
    [JsonPropertyName("ban_round")]
    public int? BanRound { get; set; }

    /// <summary>Whether the service judged the answer safe, where it says.</summary>
    [JsonPropertyName("is_safe")]
    public bool? IsSafe { get; set; }

    /// <summary>The tokens consumed.</summary>
    [JsonPropertyName("usage")]
    public TokenUsage? Usage { get; set; }

    /// <summary>The account's quota as the <c>X-Ratelimit-*</c> headers reported it; null when absent.</summary>
    [JsonIgnore]
    public RateLimitInfo? RateLimit => Response is { } response ? RateLimitInfo.FromHeaders(response.Headers) : null;

    internal override string? BodyId => Id;

    internal override UsageCounts? ReportedUsage => Usage?.Counts;
}
