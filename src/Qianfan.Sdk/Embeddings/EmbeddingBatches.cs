namespace Qianfan.Sdk.Embeddings;

/// <summary>
/// Splits a long list of texts into the requests a model allows (16 texts, or 1 for tao-8k), sends them a few at a
/// time and puts the vectors back in the texts' order. The first failure cancels the requests still waiting.
/// </summary>
internal static class EmbeddingBatches
{
    public const int DefaultConcurrency = 4;

    public static async Task<EmbeddingBatch> RunAsync(
        string model,
        IEnumerable<string> texts,
        int maxConcurrency,
        Func<EmbeddingRequest, CancellationToken, Task<EmbeddingResponse>> send,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        var perRequest = EmbeddingModels.TryGet(model, out var spec) ? spec.MaxTexts : 16;
        var requests = texts.Chunk(perRequest).Select(chunk => new EmbeddingRequest(model, chunk)).ToArray();
        foreach (var request in requests)
        {
            // Every request is checked before the first is sent: a bad text fails the batch with nothing spent.
            EmbeddingRequestValidator.Validate(request);
        }

        var responses = new EmbeddingResponse[requests.Length];
        await Parallel.ForAsync(
            0,
            requests.Length,
            new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => responses[i] = await send(requests[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        return new EmbeddingBatch(responses);
    }
}
