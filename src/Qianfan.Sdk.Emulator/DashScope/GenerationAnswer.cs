namespace Qianfan.Sdk.Emulator.DashScope;

/// <summary>A tool call an answer makes: its id, the function and the arguments (a JSON text).</summary>
internal sealed record PlannedToolCall(string Id, string Name, string Arguments);

/// <summary>An answer decided up front, so a one-shot body or every stream event and the usage agree.</summary>
internal sealed record GenerationAnswer(
    string RequestId,
    IReadOnlyList<string> Pieces,
    IReadOnlyList<string> ReasoningPieces,
    IReadOnlyList<PlannedToolCall> ToolCalls,
    string FinishReason,
    int InputTokens,
    int OutputTokens,
    int ReasoningTokens)
{
    public string Text => string.Concat(Pieces);

    public string Reasoning => string.Concat(ReasoningPieces);
}
