using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Embeddings;

/// <summary>
/// V2 embeddings (<c>/v2/embeddings</c>): texts to vectors, in the texts' order, with the V2 credentials. Get it from
/// <see cref="QianfanClient.EmbeddingsV2"/>; V1's is <see cref="EmbeddingsClient"/>. Methods are virtual so tests
/// can substitute the client.
/// </summary>
public class EmbeddingsV2Client
{
    private readonly QianfanApi? _api;
    private readonly ILogger? _logger;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected EmbeddingsV2Client()
    {
    }

    internal EmbeddingsV2Client(QianfanApi api)
    {
        _api = api;
        _logger = api.CreateLogger("Embeddings");
    }

    /// <summary>Embeds the request's texts in one call.</summary>
    /// <exception cref="QianfanValidationException">The request breaks the model's limits; nothing was sent.</exception>
    /// <exception cref="QianfanException">The service reported an error.</exception>
    public virtual Task<EmbeddingResponse> CreateAsync(EmbeddingRequest request, CancellationToken cancellationToken = default) =>
        EmbeddingsCall.SendAsync(_api ?? throw new InvalidOperationException("This EmbeddingsV2Client was made for mocking and cannot send."), _logger!, v2: true, request, cancellationToken);

    /// <summary>Embeds any number of texts in as many requests as the model allows; see <see cref="EmbeddingsClient.EmbedAllAsync"/>.</summary>
    public virtual Task<EmbeddingBatch> EmbedAllAsync(string model, IEnumerable<string> texts, int maxConcurrency = EmbeddingBatches.DefaultConcurrency, CancellationToken cancellationToken = default) =>
        EmbeddingBatches.RunAsync(model, texts, maxConcurrency, CreateAsync, cancellationToken);
}
