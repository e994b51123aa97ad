namespace Qianfan.Sdk.Emulator.Serialization;

/// <summary>Token counts of one answer (or, in a stream, of the answer so far); V2 thinking models add how many were reasoning.</summary>
internal sealed record UsageBody(int PromptTokens, int CompletionTokens, int TotalTokens)
{
    public CompletionTokensDetailsBody? CompletionTokensDetails { get; init; }
}
