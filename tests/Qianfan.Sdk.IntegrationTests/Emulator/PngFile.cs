using System.Buffers.Binary;
using System.IO.Compression;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

/// <summary>
/// Decodes a PNG far enough to prove it is one: the signature, every chunk's CRC-32, the IHDR, and the IDAT data
/// inflated to exactly one filter byte plus the pixels of every row. Written here, not shared with the emulator, so
/// the emulator's encoder is checked by a reader of its own.
/// </summary>
internal sealed record PngFile(int Width, int Height, byte BitDepth, byte ColorType, byte[] Pixels)
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static PngFile Decode(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(Signature), "not a PNG signature");
        int? width = null, height = null;
        byte depth = 0, color = 0;
        using var idat = new MemoryStream();
        var offset = 8;
        var sawEnd = false;
        while (offset < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.Equal(Crc(png.AsSpan(offset + 4, 4 + length)), crc);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    depth = data[8];
                    color = data[9];
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
            }

            offset += 12 + length;
        }

        Assert.True(sawEnd, "no IEND chunk");
        Assert.NotNull(width);
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width!.Value * 3;
        Assert.Equal(height!.Value * (stride + 1), raw.Length);
        var pixels = new byte[height.Value * stride];
        var previous = new byte[stride];
        for (var y = 0; y < height.Value; y++)
        {
            var filter = raw[y * (stride + 1)];
            Assert.InRange(filter, (byte)0, (byte)2);
            for (var i = 0; i < stride; i++)
            {
                var value = raw[(y * (stride + 1)) + 1 + i];
                var left = i >= 3 ? pixels[(y * stride) + i - 3] : 0;
                pixels[(y * stride) + i] = filter switch
                {
                    0 => value,
                    1 => (byte)(value + left),
                    _ => (byte)(value + previous[i]),
                };
            }

            pixels.AsSpan(y * stride, stride).CopyTo(previous);
        }

        return new PngFile(width.Value, height.Value, depth, color, pixels);
    }

    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
