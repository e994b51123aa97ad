using Qianfan.Sdk.Core;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Embeddings;

/// <summary>
/// Builds embedding results as the SDK returns them, HTTP answer included, for your own tests: a substituted
/// <see cref="EmbeddingsClient"/> or <see cref="EmbeddingsV2Client"/> can answer with these.
/// </summary>
public static class EmbeddingsModelFactory
{
    /// <summary>An answer with one vector per text, in order (each vector's index is its position).</summary>
    public static EmbeddingResponse EmbeddingResponse(
        IEnumerable<float[]> vectors,
        string? id = null,
        TokenUsage? usage = null,
        ServiceResponse? response = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        return new()
        {
            Id = id,
            ObjectType = "embedding_list",
            Data = [.. vectors.Select((vector, i) => new EmbeddingData { Index = i, ObjectType = "embedding", Embedding = vector })],
            Usage = usage,
            Response = response,
        };
    }

    /// <summary>The result of <see cref="EmbeddingsClient.EmbedAllAsync"/> over these answers, in order.</summary>
    public static EmbeddingBatch EmbeddingBatch(IEnumerable<EmbeddingResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        return new EmbeddingBatch([.. responses]);
    }
}
