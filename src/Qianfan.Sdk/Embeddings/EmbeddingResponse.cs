using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Embeddings;

/// <summary>The vectors of a request's texts, with the tokens the texts counted.</summary>
public sealed class EmbeddingResponse : ServiceResult
{
    /// <summary>The answer's id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary><c>embedding_list</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    /// <summary>When it was made, in Unix seconds.</summary>
    [JsonPropertyName("created")]
    public long Created { get; set; }

    /// <summary>The vectors as the service listed them (each with its text's index); empty (never null) when none.</summary>
    [JsonPropertyName("data")]
    public IReadOnlyList<EmbeddingData> Data { get; set => field = value ?? []; } = [];

    /// <summary>The tokens the texts counted.</summary>
    [JsonPropertyName("usage")]
    public TokenUsage? Usage { get; set; }

    /// <summary>The vectors in the order of the request's texts, whatever order the service listed them in.</summary>
    [JsonIgnore]
    public IReadOnlyList<float[]> Vectors => field ??= [.. Data.OrderBy(d => d.Index).Select(d => d.Embedding)];

    /// <summary>The account's quota as the <c>X-Ratelimit-*</c> headers reported it; null when absent.</summary>
    [JsonIgnore]
    public RateLimitInfo? RateLimit => Response is { } response ? RateLimitInfo.FromHeaders(response.Headers) : null;

    internal override string? BodyId => Id;

    internal override UsageCounts? ReportedUsage => Usage?.Counts;
}
