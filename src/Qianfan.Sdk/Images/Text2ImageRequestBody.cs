using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Images;

/// <summary>The wire form of a <see cref="Text2ImageRequest"/>; null members are left out.</summary>
internal sealed class Text2ImageRequestBody
{
    [JsonPropertyName("prompt")]
    public required string Prompt { get; init; }

    [JsonPropertyName("negative_prompt")]
    public string? NegativePrompt { get; init; }

    [JsonPropertyName("size")]
    public string? Size { get; init; }

    [JsonPropertyName("n")]
    public int? N { get; init; }

    [JsonPropertyName("steps")]
    public int? Steps { get; init; }

    [JsonPropertyName("sampler_index")]
    public string? SamplerIndex { get; init; }

    [JsonPropertyName("seed")]
    public long? Seed { get; init; }

    [JsonPropertyName("cfg_scale")]
    public float? CfgScale { get; init; }

    [JsonPropertyName("style")]
    public string? Style { get; init; }

    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    public static Text2ImageRequestBody From(Text2ImageRequest request) => new()
    {
        Prompt = request.Prompt,
        NegativePrompt = request.NegativePrompt,
        Size = request.Size,
        N = request.N,
        Steps = request.Steps,
        SamplerIndex = request.SamplerIndex,
        Seed = request.Seed,
        CfgScale = request.CfgScale,
        Style = request.Style,
        UserId = request.UserId,
    };
}
