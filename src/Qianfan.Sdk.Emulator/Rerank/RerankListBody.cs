using Qianfan.Sdk.Emulator.Areas;

namespace Qianfan.Sdk.Emulator.Rerank;

/// <summary>A rerank answer, V1 and V2 alike: the documents best first, <c>top_n</c> of them when asked.</summary>
internal sealed class RerankListBody
{
    public required string Id { get; init; }

    public string Object { get; init; } = "reranker_list";

    public required long Created { get; init; }

    public required IReadOnlyList<RerankItemBody> Results { get; init; }

    public required PromptUsageBody Usage { get; init; }
}
