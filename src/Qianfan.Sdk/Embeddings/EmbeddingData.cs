using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Embeddings;

/// <summary>One text's vector.</summary>
public sealed record EmbeddingData
{
    /// <summary>The text's position in the request.</summary>
    [JsonPropertyName("index")]
    public int Index { get; set; }

    /// <summary><c>embedding</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    /// <summary>The vector; empty (never null) when the service sent none.</summary>
    [JsonPropertyName("embedding")]
    public float[] Embedding { get; set => field = value ?? []; } = [];
}
