using System.Text.Json.Serialization;
using Qianfan.Sdk.Emulator.Serialization;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// One <c>data:</c> event of a V2 stream: <c>{"id","object":"chat.completion.chunk","created","model","choices":[…]}</c>,
/// with <c>search_results</c> on the first when the answer searched the web; or, for the usage event, empty
/// <c>choices</c> and a <c>usage</c>.
/// </summary>
internal sealed class V2ChunkBody
{
    public required string Id { get; init; }

    public string Object { get; init; } = "chat.completion.chunk";

    public required long Created { get; init; }

    public required string Model { get; init; }

    public required IReadOnlyList<V2ChunkChoice> Choices { get; init; }

    public IReadOnlyList<V2SearchResultBody>? SearchResults { get; init; }

    public UsageBody? Usage { get; init; }
}

/// <summary>The one choice of a chunk; <c>finish_reason</c> is written as <c>null</c> until the last piece.</summary>
internal sealed class V2ChunkChoice
{
    public int Index { get; init; }

    public required V2Delta Delta { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }

    public bool? NeedClearHistory { get; init; }

    public int? BanRound { get; init; }
}

/// <summary>What a chunk adds: the role (first chunk only), a piece of reasoning or of text, or tool-call fragments.</summary>
internal sealed record V2Delta(string? Role, string? Content, IReadOnlyList<V2ToolCallBody>? ToolCalls)
{
    public string? ReasoningContent { get; init; }
}
