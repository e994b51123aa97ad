using Qianfan.Sdk.Core;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Images;

/// <summary>
/// Builds image results as the SDK returns them, HTTP answer included, for your own tests: a substituted
/// <see cref="ImagesClient"/> or <see cref="ImagesV2Client"/> can answer with these.
/// </summary>
public static class ImagesModelFactory
{
    /// <summary>A V1 answer with these image files (PNG bytes), in order.</summary>
    public static Text2ImageResponse Text2ImageResponse(
        IEnumerable<byte[]> images,
        string? id = null,
        TokenUsage? usage = null,
        ServiceResponse? response = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        return new()
        {
            Id = id,
            ObjectType = "image",
            Images = [.. images.Select((data, i) => new GeneratedImage { Index = i, Data = data })],
            Usage = usage,
            Response = response,
        };
    }

    /// <summary>A V2 answer with these image addresses, in order.</summary>
    public static ImageGenerationResponse ImageGenerationResponse(
        IEnumerable<string> urls,
        string? id = null,
        ServiceResponse? response = null)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return new() { Id = id, Images = [.. urls.Select((url, i) => new GeneratedImage { Index = i, Url = url })], Response = response };
    }
}
