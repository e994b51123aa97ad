using Qianfan.Sdk.Emulator.Serialization;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// One V2 answer, decided before anything is written: its id, text and stream pieces, or the tool call it makes
/// instead (then <see cref="Content"/> is empty and <see cref="FinishReason"/> is <c>tool_calls</c>), and its usage.
/// </summary>
internal sealed record V2Answer(
    string Id,
    string Content,
    IReadOnlyList<string> Pieces,
    V2FunctionCallBody? ToolCall,
    string ToolCallId,
    string FinishReason,
    UsageBody Usage);
