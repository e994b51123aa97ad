using System.Security.Cryptography;
using System.Text;

namespace Qianfan.Sdk.Emulator.Embeddings;

/// <summary>
/// Deterministic stand-ins for a model's vectors: the model and the text seed a generator, so the same text always
/// gives the same vector, different texts (or models) give different ones, and every vector has the model's
/// documented size and unit length, as real embeddings do.
/// </summary>
internal static class EmbeddingVectors
{
    public static float[] For(string model, string text, int dimensions)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(model.ToLowerInvariant() + "\n" + text), digest);
        var state = BitConverter.ToUInt64(digest) | 1;
        var vector = new float[dimensions];
        double sumOfSquares = 0;
        for (var i = 0; i < dimensions; i++)
        {
            // xorshift64*: cheap, and good enough to make every coordinate look independent.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            var next = state * 2685821657736338717UL;
            var value = ((next >> 11) * (1.0 / (1UL << 53) * 2)) - 1;
            vector[i] = (float)value;
            sumOfSquares += value * value;
        }

        var scale = (float)(1 / Math.Sqrt(sumOfSquares));
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }
}
