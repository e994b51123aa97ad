using Qianfan.Sdk.Emulator.Serialization;

namespace Qianfan.Sdk.Emulator.Chat;

/// <summary>
/// One answer, decided before anything is written: its id, text, stream pieces and token counts, or the function it
/// calls instead (then the text is empty and <see cref="FinishReason"/> is <c>function_call</c>).
/// </summary>
internal sealed record ChatAnswer(string Id, string Result, IReadOnlyList<string> Pieces, bool NeedClearHistory, UsageBody Usage)
{
    public string FinishReason { get; init; } = "normal";

    public FunctionCallBody? FunctionCall { get; init; }
}
