using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Benchmarks.Support;

// The hand-written embeddings baseline's own wire types: the shape of the SDK's EmbeddingResponse and request body,
// serialized by a source-generated context, with nothing else around them; the answer's types have setters, as
// BaselineJson's do.

public sealed class EmbeddingItem
{
    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    [JsonPropertyName("embedding")]
    public float[] Embedding { get; set; } = [];

    [JsonPropertyName("index")]
    public int Index { get; set; }
}

public sealed class EmbeddingList
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    [JsonPropertyName("created")]
    public long Created { get; set; }

    [JsonPropertyName("data")]
    public List<EmbeddingItem> Data { get; set; } = [];

    [JsonPropertyName("usage")]
    public V1Usage? Usage { get; set; }
}

public sealed class EmbeddingBaselineRequest
{
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("input")]
    public required IList<string> Input { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmbeddingList))]
[JsonSerializable(typeof(EmbeddingBaselineRequest))]
public sealed partial class EmbeddingBaselineJsonContext : JsonSerializerContext;
