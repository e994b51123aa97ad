using System.Security.Cryptography;
using System.Text;

namespace Qianfan.Sdk.Emulator.Images;

/// <summary>
/// The emulator's pictures: a left-to-right blend of two colours chosen by a seed, so the same request always draws
/// the same image and different ones differ. Every row is the same, which keeps even a 1024 × 1024 PNG a few kilobytes.
/// </summary>
internal static class ImageRenderer
{
    /// <summary>The largest width or height drawn, so a request cannot make the emulator allocate without bound.</summary>
    public const int MaxSide = 2048;

    /// <summary>A seed for the image at <paramref name="index"/> of a request with these <paramref name="parts"/>.</summary>
    public static ulong Seed(int index, params string?[] parts)
    {
        var text = string.Join("\u0001", parts.Select(p => p ?? "")) + "\u0001" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public static byte[] Render(int width, int height, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxSide);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, MaxSide);
        byte[] first = [(byte)seed, (byte)(seed >> 8), (byte)(seed >> 16)];
        byte[] last = [(byte)(seed >> 24), (byte)(seed >> 32), (byte)(seed >> 40)];
        return PngEncoder.Encode(width, height, (_, row) =>
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    row[(x * 3) + c] = (byte)(first[c] + ((last[c] - first[c]) * x / Math.Max(1, width - 1)));
                }
            }
        });
    }
}
