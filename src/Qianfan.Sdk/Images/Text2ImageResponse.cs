using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Images;

/// <summary>The images of a V1 text-to-image call, as decoded bytes.</summary>
public sealed class Text2ImageResponse : ServiceResult
{
    /// <summary>The answer's id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary><c>image</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    /// <summary>When they were made, in Unix seconds.</summary>
    [JsonPropertyName("created")]
    public long Created { get; set; }

    /// <summary>The images, in order; empty (never null) when none.</summary>
    [JsonPropertyName("data")]
    public IReadOnlyList<GeneratedImage> Images { get; set => field = [.. (value ?? []).OrderBy(i => i?.Index ?? 0)]; } = [];

    /// <summary>The tokens the prompt counted.</summary>
    [JsonPropertyName("usage")]
    public TokenUsage? Usage { get; set; }

    /// <summary>The account's quota as the <c>X-Ratelimit-*</c> headers reported it; null when absent.</summary>
    [JsonIgnore]
    public RateLimitInfo? RateLimit => Response is { } response ? RateLimitInfo.FromHeaders(response.Headers) : null;

    internal override string? BodyId => Id;

    internal override UsageCounts? ReportedUsage => Usage?.Counts;
}
