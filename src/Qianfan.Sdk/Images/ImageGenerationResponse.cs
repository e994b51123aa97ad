using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;

namespace Qianfan.Sdk.Images;

/// <summary>The images of a V2 generation, as addresses to fetch them from.</summary>
public sealed class ImageGenerationResponse : ServiceResult
{
    /// <summary>The answer's id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>When they were made, in Unix seconds.</summary>
    [JsonPropertyName("created")]
    public long Created { get; init; }

    /// <summary>The images, in order; empty (never null) when none.</summary>
    [JsonPropertyName("data")]
    public IReadOnlyList<GeneratedImage> Images { get; init => field = value ?? []; } = [];

    internal override string? BodyId => Id;

    internal override UsageCounts? ReportedUsage => null;
}
