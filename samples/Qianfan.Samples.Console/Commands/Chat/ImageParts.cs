using Qianfan.Samples.Console.Cli;
using Qianfan.Sdk.Chat;

namespace Qianfan.Samples.Console.Commands.Chat;

/// <summary>
/// What <c>--image</c> names, as message parts: an <c>http(s)</c> URL is sent as an <c>image_url</c> part for the
/// service to fetch; anything else is a local file, read and sent inline as a <c>data:</c> URL (PNG, JPEG, GIF, WebP, BMP).
/// </summary>
internal static class ImageParts
{
    public static IReadOnlyList<ChatContentPart> From(IReadOnlyList<string> images) => [.. images.Select(From)];

    private static ChatContentPart From(string image)
    {
        if (Uri.TryCreate(image, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return ChatContentPart.FromImageUrl(url);
        }

        var mediaType = Path.GetExtension(image).ToUpperInvariant() switch
        {
            ".PNG" => "image/png",
            ".JPG" or ".JPEG" => "image/jpeg",
            ".GIF" => "image/gif",
            ".WEBP" => "image/webp",
            ".BMP" => "image/bmp",
            var other => throw new CliUsageException($"--image '{image}': expected a .png, .jpg, .jpeg, .gif, .webp or .bmp file or an http(s) URL, not '{other}'"),
        };
        if (!File.Exists(image))
        {
            throw new CliUsageException($"--image '{image}': no such file");
        }

        return ChatContentPart.FromImageData(File.ReadAllBytes(image), mediaType);
    }
}
