namespace Qianfan.Sdk.Embeddings;

/// <summary>An embedding model as the SDK knows it: where V1 serves it, how much one request may carry, and its vectors' size.</summary>
/// <param name="Name">The name, as V2 spells it (and V1 accepts case-insensitively), e.g. <c>bge-large-zh</c>.</param>
/// <param name="Endpoint">The V1 path after <c>embeddings/</c>, e.g. <c>bge_large_zh</c>.</param>
/// <param name="MaxTexts">The most texts one request may carry.</param>
/// <param name="MaxCharacters">The most characters one text may have; null when only a token limit is documented.</param>
/// <param name="MaxTokens">The most tokens one text may have, as documented (the service counts them).</param>
/// <param name="Dimensions">The length of its vectors.</param>
public sealed record EmbeddingModelSpec(string Name, string Endpoint, int MaxTexts, int? MaxCharacters, int MaxTokens, int Dimensions);
