using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Zhipu.Protocol;

namespace Qianfan.Sdk.Zhipu.Images;

/// <summary>The images of a generation (the service makes one per request), as addresses to fetch them from.</summary>
public sealed class ImageGenerationResponse : ServiceResult
{
    /// <summary>When they were made, in Unix seconds.</summary>
    [JsonPropertyName("created")]
    public long Created { get; set; }

    /// <summary>The images (<c>data</c>); empty (never null) when none.</summary>
    [JsonPropertyName("data")]
    public IReadOnlyList<GeneratedImage> Images { get; set => field = value ?? []; } = [];

    /// <summary>What moderation found; empty when nothing.</summary>
    [JsonPropertyName("content_filter")]
    public IReadOnlyList<ContentFilterResult> ContentFilter { get; set => field = value ?? []; } = [];

    /// <summary>The first image's address; null when there is none.</summary>
    [JsonIgnore]
    public string? Url => Images.Count > 0 ? Images[0]?.Url : null;

    /// <summary>The body's <c>request_id</c>, where it carries one.</summary>
    [JsonInclude]
    [JsonPropertyName("request_id")]
    internal string? BodyRequestId { get; set; }

    internal override string? BodyId => BodyRequestId;

    internal override UsageCounts? ReportedUsage => null;
}
