namespace Qianfan.Sdk.Emulator.Images;

/// <summary>One V1 image: the PNG file in base64 and its position among those asked for, members in the service's order.</summary>
internal sealed class ImageItemBody(string b64Image, int index)
{
    public string Object { get; } = "image";

    public string B64Image { get; } = b64Image;

    public int Index { get; } = index;
}
