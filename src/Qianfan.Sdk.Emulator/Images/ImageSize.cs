using System.Globalization;

namespace Qianfan.Sdk.Emulator.Images;

/// <summary><c>WIDTHxHEIGHT</c> in pixels, each side in [1, <see cref="ImageRenderer.MaxSide"/>].</summary>
internal static class ImageSize
{
    public const string Default = "1024x1024";

    /// <summary>The sides of a size that passed <see cref="TryParse"/> (or the default when none was given).</summary>
    public static (int Width, int Height) Of(string? size) =>
        TryParse(size ?? Default, out var width, out var height) ? (width, height) : throw new ArgumentException($"not a size: '{size}'", nameof(size));

    public static bool TryParse(string? size, out int width, out int height)
    {
        width = height = 0;
        return size?.Split('x') is [var w, var h]
            && int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out width) && width is >= 1 and <= ImageRenderer.MaxSide
            && int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out height) && height is >= 1 and <= ImageRenderer.MaxSide;
    }
}
