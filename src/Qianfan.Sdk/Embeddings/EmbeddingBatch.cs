using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Embeddings;

/// <summary>The vectors of a long list of texts, embedded in as many requests as the model's limits need.</summary>
public sealed class EmbeddingBatch
{
    internal EmbeddingBatch(IReadOnlyList<EmbeddingResponse> responses)
    {
        Responses = responses;
        Vectors = [.. responses.SelectMany(r => r.Vectors)];
        Usage = new TokenUsage
        {
            PromptTokens = responses.Sum(r => r.Usage?.PromptTokens ?? 0),
            CompletionTokens = responses.Sum(r => r.Usage?.CompletionTokens ?? 0),
            TotalTokens = responses.Sum(r => r.Usage?.TotalTokens ?? 0),
        };
    }

    /// <summary>One vector per text, in the order the texts were given.</summary>
    public IReadOnlyList<float[]> Vectors { get; }

    /// <summary>The tokens of all the requests together.</summary>
    public TokenUsage Usage { get; }

    /// <summary>Each request's answer, in order: for request ids and HTTP details.</summary>
    public IReadOnlyList<EmbeddingResponse> Responses { get; }
}
