using Qianfan.Sdk.Emulator.Serialization;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// One V2 answer, decided before anything is written, so the sync body, every stream piece and the usage agree: its
/// id; the reasoning (thinking models) and the text, each with the pieces a stream sends; the tool calls it makes
/// instead of text (then <see cref="Content"/> is empty and <see cref="FinishReason"/> is <c>tool_calls</c>); the web
/// pages it cites; its usage.
/// </summary>
internal sealed record V2Answer(
    string Id,
    string Content,
    IReadOnlyList<string> Pieces,
    string Reasoning,
    IReadOnlyList<string> ReasoningPieces,
    IReadOnlyList<V2PlannedCall> ToolCalls,
    IReadOnlyList<V2SearchResultBody> SearchResults,
    string FinishReason,
    UsageBody Usage)
{
    /// <summary>Whether the input was judged unsafe: the choice says <c>need_clear_history</c> (with <c>ban_round: -1</c>) and the text is empty.</summary>
    public bool NeedClearHistory { get; init; }
}
