using System.Buffers.Binary;
using System.IO.Compression;

namespace Qianfan.Sdk.Emulator.Images;

/// <summary>
/// A minimal PNG writer, enough for real, decodable images without an image library: 8-bit RGB, one IDAT chunk
/// compressed with zlib, every row with the Up filter (so rows that repeat cost almost nothing).
/// </summary>
internal static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes a <paramref name="width"/> × <paramref name="height"/> RGB image whose rows <paramref name="fillRow"/> paints.</summary>
    /// <param name="width">Pixels per row, at least 1.</param>
    /// <param name="height">Rows, at least 1.</param>
    /// <param name="fillRow">Writes row y's pixels (3 bytes each, red, green, blue) into the span.</param>
    public static byte[] Encode(int width, int height, Action<int, Span<byte>> fillRow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        using var png = new MemoryStream();
        png.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: truecolour (RGB)
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method 0
        header[12] = 0; // no interlace
        WriteChunk(png, "IHDR"u8, header);

        WriteChunk(png, "IDAT"u8, Compress(width, height, fillRow));
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static byte[] Compress(int width, int height, Action<int, Span<byte>> fillRow)
    {
        var stride = width * 3;
        var previous = new byte[stride];
        var row = new byte[stride];
        var filtered = new byte[stride + 1];
        filtered[0] = 2; // filter type Up: each byte minus the one above it
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                fillRow(y, row);
                for (var i = 0; i < stride; i++)
                {
                    filtered[i + 1] = (byte)(row[i] - previous[i]);
                }

                zlib.Write(filtered);
                (previous, row) = (row, previous);
            }
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.Compute(type, data));
        png.Write(number);
    }
}
