namespace Qianfan.Sdk.Chat;

/// <summary>A part of a multimodal user message (V2): a piece of text or an image, by URL or as data.</summary>
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

    /// <summary>The image of an <c>image_url</c> part: an <c>https</c> URL or a <c>data:</c> URL.</summary>
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

    /// <summary>An image sent inline, as a <c>data:</c> URL.</summary>
    /// <param name="data">The image's bytes.</param>
    /// <param name="mediaType">Its type, e.g. <c>image/png</c> or <c>image/jpeg</c>.</param>
    public static ChatContentPart FromImageData(ReadOnlySpan<byte> data, string mediaType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        return new ChatContentPart("image_url", null, $"data:{mediaType};base64,{Convert.ToBase64String(data)}");
    }

    internal static ChatContentPart Read(string type, string? text, string? imageUrl) => new(type, text, imageUrl);
}
