namespace Qianfan.Sdk.Emulator.Serialization;

/// <summary>Token counts of one answer (or, in a stream, of the answer so far).</summary>
internal sealed record UsageBody(int PromptTokens, int CompletionTokens, int TotalTokens);
