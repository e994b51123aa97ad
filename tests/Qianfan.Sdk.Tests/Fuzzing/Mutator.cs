using System.Text;

namespace Qianfan.Sdk.Tests.Fuzzing;

/// <summary>How a valid body is broken or delivered: read sizes, truncation, flipped bytes, invalid UTF-8, wrong types.</summary>
internal sealed class Mutator(Random random)
{
    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF],
        [0x80],
        [0xC0, 0x80],       // an overlong NUL
        [0xE4, 0xB8],       // a Chinese character cut short
        [0xED, 0xA0, 0x80], // an encoded surrogate
        [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    private static readonly (string From, string[] To)[] WrongTypes =
    [
        ("\"result\":", ["\"result\":7,\"x\":", "\"result\":{\"a\":1},\"x\":", "\"result\":[\"a\"],\"x\":"]),
        ("\"is_end\":", ["\"is_end\":\"true\",\"x\":", "\"is_end\":1,\"x\":"]),
        ("\"choices\":", ["\"choices\":{},\"x\":", "\"choices\":\"a\",\"x\":", "\"choices\":[7],\"x\":"]),
        ("\"content\":", ["\"content\":5,\"x\":", "\"content\":[{\"type\":7}],\"x\":", "\"content\":[{\"type\":\"text\",\"text\":{}}],\"x\":", "\"content\":[1],\"x\":"]),
        ("\"usage\":", ["\"usage\":\"lots\",\"x\":", "\"usage\":{\"total_tokens\":\"9\"},\"x\":", "\"usage\":{\"total_tokens\":1e40},\"x\":"]),
        ("\"role\":", ["\"role\":\"developer\",\"x\":", "\"role\":99,\"x\":", "\"role\":null,\"x\":"]),
        ("\"index\":", ["\"index\":-1,\"x\":", "\"index\":2147483648,\"x\":", "\"index\":\"0\",\"x\":"]),
        ("\"tool_calls\":", ["\"tool_calls\":{},\"x\":", "\"tool_calls\":[{\"function\":\"f\"}],\"x\":"]),
        ("\"sentence_id\":", ["\"sentence_id\":\"a\",\"x\":", "\"sentence_id\":1.5,\"x\":"]),
        ("\"delta\":", ["\"delta\":[],\"x\":", "\"delta\":7,\"x\":"]),
    ];

    /// <summary>Read sizes for a connection that hands out 1 to <paramref name="max"/> bytes at a time.</summary>
    public int[] Reads(int max = 48) => [.. Enumerable.Range(0, 16).Select(_ => random.Next(1, max + 1))];

    public byte[] FlipBytes(byte[] body)
    {
        var copy = (byte[])body.Clone();
        for (var i = random.Next(1, 4); i > 0 && copy.Length > 0; i--)
        {
            copy[random.Next(copy.Length)] ^= (byte)random.Next(1, 256);
        }

        return copy;
    }

    public byte[] InsertInvalidUtf8(byte[] body)
    {
        var at = random.Next(body.Length + 1);
        return [.. body.AsSpan(0, at), .. InvalidUtf8[random.Next(InvalidUtf8.Length)], .. body.AsSpan(at)];
    }

    /// <summary>The body with one member's value replaced by a value of another type; the body as it was when it has none of them.</summary>
    public byte[] WrongType(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        var candidates = WrongTypes.Where(w => text.Contains(w.From, StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0)
        {
            return body;
        }

        var (from, to) = candidates[random.Next(candidates.Count)];
        var occurrences = new List<int>();
        for (var i = text.IndexOf(from, StringComparison.Ordinal); i >= 0; i = text.IndexOf(from, i + 1, StringComparison.Ordinal))
        {
            occurrences.Add(i);
        }

        var at = occurrences[random.Next(occurrences.Count)];
        return Encoding.UTF8.GetBytes(text[..at] + to[random.Next(to.Length)] + text[(at + from.Length)..]);
    }
}
