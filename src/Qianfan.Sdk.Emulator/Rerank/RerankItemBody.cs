namespace Qianfan.Sdk.Emulator.Rerank;

/// <summary>One scored document in a rerank answer: its text, its score and its position in the request.</summary>
internal sealed record RerankItemBody(string Document, double RelevanceScore, int Index);
