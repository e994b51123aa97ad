using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Images;

/// <summary>One generated image: its bytes (V1, decoded from <c>b64_image</c>) or its address (V2, <c>url</c>).</summary>
public sealed record GeneratedImage
{
    /// <summary>The image's position among those asked for.</summary>
    [JsonPropertyName("index")]
    public int Index { get; set; }

    /// <summary>The image file (PNG), V1; null when the service sent an address instead.</summary>
    [JsonPropertyName("b64_image")]
    public byte[]? Data { get; set; }

    /// <summary>Where to fetch the image, V2; null when the service sent the bytes.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; set; }
}
