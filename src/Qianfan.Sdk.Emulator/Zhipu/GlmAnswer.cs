namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>A tool call a GLM answer makes: its id, the function and the arguments (a JSON text).</summary>
internal sealed record GlmToolCall(string Id, string Name, string Arguments);

/// <summary>A GLM answer decided up front, so a one-shot body, every stream chunk and the usage agree.</summary>
internal sealed record GlmAnswer(
    string Id,
    string RequestId,
    string Model,
    long Created,
    IReadOnlyList<string> Pieces,
    IReadOnlyList<string> ReasoningPieces,
    IReadOnlyList<GlmToolCall> ToolCalls,
    string FinishReason,
    int InputTokens,
    int OutputTokens)
{
    public string Text => string.Concat(Pieces);

    public string Reasoning => string.Concat(ReasoningPieces);
}
