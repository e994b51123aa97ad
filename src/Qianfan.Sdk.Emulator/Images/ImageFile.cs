using System.Globalization;

namespace Qianfan.Sdk.Emulator.Images;

/// <summary>
/// A generated V2 image named by what draws it, <c>{width}x{height}-{seed as 16 hex digits}.png</c>: the URL is all the
/// emulator needs to draw the same picture again when it is fetched, so it keeps no images in memory.
/// </summary>
internal sealed record ImageFile(int Width, int Height, ulong Seed)
{
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}-{Seed:x16}.png");

    public static ImageFile? Parse(string name)
    {
        if (!name.EndsWith(".png", StringComparison.Ordinal) || name[..^4].Split('-') is not [var size, var seed]
            || !ImageSize.TryParse(size, out var width, out var height)
            || seed.Length != 16
            || !ulong.TryParse(seed, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return new ImageFile(width, height, value);
    }
}
