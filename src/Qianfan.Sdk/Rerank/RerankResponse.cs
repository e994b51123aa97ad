using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Rerank;

/// <summary>The documents ordered by relevance, best first.</summary>
public sealed class RerankResponse : ServiceResult
{
    /// <summary>The answer's id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary><c>reranker_list</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    /// <summary>When it was made, in Unix seconds.</summary>
    [JsonPropertyName("created")]
    public long Created { get; set; }

    /// <summary>The scored documents, best first whatever order the service listed them in; empty (never null) when none.</summary>
    [JsonPropertyName("results")]
    public IReadOnlyList<RerankResult> Results { get; set => field = [.. (value ?? []).OrderByDescending(r => r?.RelevanceScore ?? double.MinValue)]; } = [];

    /// <summary>The tokens the query and documents counted.</summary>
    [JsonPropertyName("usage")]
    public TokenUsage? Usage { get; set; }

    /// <summary>The account's quota as the <c>X-Ratelimit-*</c> headers reported it; null when absent.</summary>
    [JsonIgnore]
    public RateLimitInfo? RateLimit => Response is { } response ? RateLimitInfo.FromHeaders(response.Headers) : null;

    internal override string? BodyId => Id;

    internal override UsageCounts? ReportedUsage => Usage?.Counts;
}
