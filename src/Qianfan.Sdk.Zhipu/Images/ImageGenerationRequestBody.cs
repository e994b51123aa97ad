using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Images;

/// <summary>The wire form of an <see cref="ImageGenerationRequest"/>; null members are left out.</summary>
internal sealed class ImageGenerationRequestBody
{
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    [JsonPropertyName("prompt")]
    public required string Prompt { get; init; }

    [JsonPropertyName("size")]
    public string? Size { get; init; }

    [JsonPropertyName("quality")]
    public string? Quality { get; init; }

    [JsonPropertyName("watermark_enabled")]
    public bool? WatermarkEnabled { get; init; }

    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    [JsonPropertyName("request_id")]
    public string? RequestId { get; init; }

    public static ImageGenerationRequestBody From(ImageGenerationRequest request) => new()
    {
        Model = request.Model,
        Prompt = request.Prompt,
        Size = request.Size,
        Quality = request.Quality,
        WatermarkEnabled = request.WatermarkEnabled,
        UserId = request.UserId,
        RequestId = request.RequestId,
    };
}
