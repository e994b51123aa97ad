using System.Text.Json;

namespace Qianfan.Sdk.Benchmarks.Support;

/// <summary>
/// A recorded embeddings reply: <c>n</c> vectors of 1,024 floats as the service writes them (shortest round-trip
/// text, about nine digits each), in V2's shape <c>{id, object, created, data:[{object, embedding, index}], usage}</c>,
/// which is V1's too. Built once per size, deterministically.
/// </summary>
public static class EmbeddingCorpus
{
    public const int Dimensions = 1024;

    private static readonly Dictionary<int, byte[]> Cache = [];

    public static byte[] Reply(int vectors)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(vectors, out var body))
            {
                Cache[vectors] = body = Build(vectors);
            }

            return body;
        }
    }

    /// <summary>The texts a request for <paramref name="vectors"/> vectors sends.</summary>
    public static string[] Texts(int vectors) => [.. Enumerable.Range(0, vectors).Select(i => $"第{i}段：千帆大模型平台的文本向量")];

    private static byte[] Build(int vectors)
    {
        var random = new Random(1024);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", "as-embedbench");
            json.WriteString("object", "embedding_list");
            json.WriteNumber("created", 1_700_000_000);
            json.WriteStartArray("data");
            for (var v = 0; v < vectors; v++)
            {
                json.WriteStartObject();
                json.WriteString("object", "embedding");
                json.WriteStartArray("embedding");
                for (var d = 0; d < Dimensions; d++)
                {
                    json.WriteNumberValue((float)((random.NextDouble() * 0.2) - 0.1));
                }

                json.WriteEndArray();
                json.WriteNumber("index", v);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("usage");
            json.WriteNumber("prompt_tokens", vectors * 12);
            json.WriteNumber("total_tokens", vectors * 12);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
