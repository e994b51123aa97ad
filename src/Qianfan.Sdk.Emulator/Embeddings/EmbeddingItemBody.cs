namespace Qianfan.Sdk.Emulator.Embeddings;

/// <summary>One text's vector in an embeddings answer, members in the service's order.</summary>
internal sealed class EmbeddingItemBody(float[] embedding, int index)
{
    public string Object { get; } = "embedding";

    public float[] Embedding { get; } = embedding;

    public int Index { get; } = index;
}
