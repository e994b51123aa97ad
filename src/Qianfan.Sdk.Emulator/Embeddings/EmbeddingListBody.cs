using Qianfan.Sdk.Emulator.Areas;

namespace Qianfan.Sdk.Emulator.Embeddings;

/// <summary>An embeddings answer, V1 and V2 alike: one vector per text, in the texts' order.</summary>
internal sealed class EmbeddingListBody
{
    public required string Id { get; init; }

    public string Object { get; init; } = "embedding_list";

    public required long Created { get; init; }

    public required IReadOnlyList<EmbeddingItemBody> Data { get; init; }

    public required PromptUsageBody Usage { get; init; }
}
