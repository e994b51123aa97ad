using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Embeddings;

/// <summary>
/// V1 embeddings (<c>embeddings/{embedding-v1 | bge_large_zh | bge_large_en | tao_8k}</c>): texts to vectors, in the
/// texts' order. Get it from <see cref="QianfanClient.Embeddings"/>; V2's is <see cref="EmbeddingsV2Client"/>.
/// Methods are virtual so tests can substitute the client.
/// </summary>
public class EmbeddingsClient
{
    private readonly QianfanApi? _api;
    private readonly ILogger? _logger;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected EmbeddingsClient()
    {
    }

    internal EmbeddingsClient(QianfanApi api)
    {
        _api = api;
        _logger = api.CreateLogger("Embeddings");
    }

    /// <summary>Embeds the request's texts in one call.</summary>
    /// <exception cref="QianfanValidationException">The request breaks the model's limits; nothing was sent.</exception>
    /// <exception cref="QianfanException">The service reported an error.</exception>
    public virtual Task<EmbeddingResponse> CreateAsync(EmbeddingRequest request, CancellationToken cancellationToken = default) =>
        EmbeddingsCall.SendAsync(_api ?? throw Mock(), _logger!, v2: false, request, cancellationToken);

    /// <summary>
    /// Embeds any number of texts: split into the requests the model allows, at most <paramref name="maxConcurrency"/>
    /// at a time, the vectors returned in the texts' order. Every text is checked before the first request is sent.
    /// </summary>
    public virtual Task<EmbeddingBatch> EmbedAllAsync(string model, IEnumerable<string> texts, int maxConcurrency = EmbeddingBatches.DefaultConcurrency, CancellationToken cancellationToken = default) =>
        EmbeddingBatches.RunAsync(model, texts, maxConcurrency, CreateAsync, cancellationToken);

    private static InvalidOperationException Mock() => new("This EmbeddingsClient was made for mocking and cannot send.");
}
