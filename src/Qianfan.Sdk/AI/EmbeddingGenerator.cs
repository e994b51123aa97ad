using Microsoft.Extensions.AI;
using Qianfan.Sdk.Core.AI;
using Qianfan.Sdk.Embeddings;

namespace Qianfan.Sdk.AI;

/// <summary>
/// Qianfan embeddings (V1 or V2) as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>: any number of texts,
/// split into the requests the model allows, order kept, usage summed. A model's vectors have a fixed size, so asking
/// for other <see cref="EmbeddingGenerationOptions.Dimensions"/> is a clear error rather than a silent mismatch.
/// </summary>
internal sealed class EmbeddingGenerator(
    Func<string, IEnumerable<string>, CancellationToken, Task<EmbeddingBatch>> embed,
    string modelId,
    Uri? endpoint,
    object area,
    QianfanClient? root) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new(
        "qianfan",
        endpoint,
        modelId,
        EmbeddingModels.TryGet(modelId, out var spec) ? spec.Dimensions : null);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var model = options?.ModelId ?? modelId;
        if (options?.Dimensions is { } dimensions)
        {
            // The embeddings bodies have no dimensions field: a model's vectors are the size they are.
            if (!EmbeddingModels.TryGet(model, out var known))
            {
                throw new NotSupportedException($"EmbeddingGenerationOptions.Dimensions is {dimensions}, but Qianfan's embeddings take no dimensions and the size of {model}'s vectors is not known to the SDK; leave Dimensions unset.");
            }

            if (dimensions != known.Dimensions)
            {
                throw new NotSupportedException($"EmbeddingGenerationOptions.Dimensions is {dimensions}, but {known.Name} always gives vectors of {known.Dimensions}.");
            }
        }

        if (options?.AdditionalProperties is { Count: > 0 })
        {
            throw new NotSupportedException("EmbeddingGenerationOptions.AdditionalProperties is not supported by the Qianfan embedding generator: the embeddings bodies take only the texts and the user.");
        }

        var batch = await embed(model, values, cancellationToken).ConfigureAwait(false);
        var created = batch.Responses.Count > 0 && batch.Responses[0].Created > 0 ? DateTimeOffset.FromUnixTimeSeconds(batch.Responses[0].Created) : (DateTimeOffset?)null;
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(batch.Vectors.Select(v => new Embedding<float>(v) { ModelId = model, CreatedAt = created }))
        {
            Usage = QianfanUsage.From(batch.Usage),
        };
        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : root is not null && serviceType.IsInstanceOfType(root) ? root
            : serviceType.IsInstanceOfType(area) ? area
            : null;
    }

    public void Dispose()
    {
        // The generator owns nothing: the QianfanClient it came from owns the connections.
    }
}
