namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>
/// A part of a user message for a vision model (<c>glm-4v</c>, <c>glm-4.6v</c> …): a piece of text or an image, by URL
/// or as the bare base64 of its bytes (the service does not take <c>data:</c> URLs).
/// </summary>
public sealed record ChatContentPart
{
    private ChatContentPart(string type, string? text, string? imageUrl)
    {
        Type = type;
        Text = text;
        ImageUrl = imageUrl;
    }

    /// <summary><c>text</c> or <c>image_url</c>.</summary>
    public string Type { get; }

    /// <summary>The text of a <c>text</c> part.</summary>
    public string? Text { get; }

    /// <summary>The image of an <c>image_url</c> part: an http(s) URL, or the image's bytes in base64.</summary>
    public string? ImageUrl { get; }

    /// <summary>A piece of text.</summary>
    public static ChatContentPart FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ChatContentPart("text", text, null);
    }

    /// <summary>An image the service fetches from <paramref name="url"/>.</summary>
    public static ChatContentPart FromImageUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new ChatContentPart("image_url", null, url.AbsoluteUri);
    }

    /// <summary>An image sent inline, as the bare base64 of its bytes, which is how the service takes it.</summary>
    public static ChatContentPart FromImageData(ReadOnlySpan<byte> data) => new("image_url", null, Convert.ToBase64String(data));

    internal static ChatContentPart Read(string type, string? text, string? imageUrl) => new(type, text, imageUrl);
}
