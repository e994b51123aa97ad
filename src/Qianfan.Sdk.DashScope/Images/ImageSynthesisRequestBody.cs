using System.Text.Json.Serialization;
using System.Text.Json;
using Qianfan.Sdk.Core.Json;

namespace Qianfan.Sdk.DashScope.Images;

/// <summary>The wire form of an <see cref="ImageSynthesisRequest"/>; null members are left out.</summary>
internal sealed class ImageSynthesisRequestBody
{
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    [JsonPropertyName("input")]
    public required ImageSynthesisInputBody Input { get; init; }

    [JsonPropertyName("parameters")]
    public required ImageSynthesisParametersBody Parameters { get; init; }

    public static ImageSynthesisRequestBody From(ImageSynthesisRequest request) => new()
    {
        Model = request.Model,
        Input = new ImageSynthesisInputBody { Prompt = request.Prompt, NegativePrompt = request.NegativePrompt, RefImage = request.RefImage?.AbsoluteUri },
        Parameters = new ImageSynthesisParametersBody
        {
            Style = request.Style,
            Size = request.Size,
            N = request.N,
            Seed = request.Seed,
            RefStrength = request.RefStrength,
            RefMode = request.RefMode,
            Extra = ExtraFields.ToSend(request.ExtraParameters),
        },
    };
}

/// <summary>The body's <c>input</c>.</summary>
internal sealed class ImageSynthesisInputBody
{
    [JsonPropertyName("prompt")]
    public required string Prompt { get; init; }

    [JsonPropertyName("negative_prompt")]
    public string? NegativePrompt { get; init; }

    [JsonPropertyName("ref_img")]
    public string? RefImage { get; init; }
}

/// <summary>The body's <c>parameters</c>.</summary>
internal sealed class ImageSynthesisParametersBody
{
    [JsonPropertyName("style")]
    public string? Style { get; init; }

    [JsonPropertyName("size")]
    public string? Size { get; init; }

    [JsonPropertyName("n")]
    public int? N { get; init; }

    [JsonPropertyName("seed")]
    public int? Seed { get; init; }

    [JsonPropertyName("ref_strength")]
    public float? RefStrength { get; init; }

    [JsonPropertyName("ref_mode")]
    public string? RefMode { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
