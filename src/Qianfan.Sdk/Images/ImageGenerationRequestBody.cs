using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Images;

/// <summary>The wire form of an <see cref="ImageGenerationRequest"/>; null members are left out.</summary>
internal sealed class ImageGenerationRequestBody
{
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    [JsonPropertyName("prompt")]
    public required string Prompt { get; init; }

    [JsonPropertyName("size")]
    public string? Size { get; init; }

    [JsonPropertyName("n")]
    public int? N { get; init; }

    [JsonPropertyName("seed")]
    public long? Seed { get; init; }

    public static ImageGenerationRequestBody From(ImageGenerationRequest request) => new()
    {
        Model = request.Model,
        Prompt = request.Prompt,
        Size = request.Size,
        N = request.N,
        Seed = request.Seed,
    };
}
