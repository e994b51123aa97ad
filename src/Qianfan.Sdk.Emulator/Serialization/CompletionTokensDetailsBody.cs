namespace Qianfan.Sdk.Emulator.Serialization;

/// <summary>V2's <c>completion_tokens_details</c>: the reasoning tokens, part of the completion tokens.</summary>
internal sealed record CompletionTokensDetailsBody(int ReasoningTokens);
