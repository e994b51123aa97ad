using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Images;

/// <summary>One generated image: where to fetch it (valid 30 days).</summary>
public sealed record GeneratedImage
{
    /// <summary>The image's address.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; set; }

    /// <summary>The image's bytes in base64, where the service sent them instead of a URL.</summary>
    [JsonPropertyName("b64_json")]
    public string? Base64Json { get; set; }

    /// <summary>The prompt as the model rewrote it, where the service says.</summary>
    [JsonPropertyName("revised_prompt")]
    public string? RevisedPrompt { get; set; }
}
