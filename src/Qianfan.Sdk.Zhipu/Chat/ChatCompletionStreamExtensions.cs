namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>Reading a stream to its end as one reply.</summary>
public static class ChatCompletionStreamExtensions
{
    /// <summary>
    /// Reads <paramref name="chunks"/> to its end and returns the <see cref="ChatCompletion"/> the sync call would have
    /// returned (see <see cref="ChatCompletionAccumulator"/>). A cut stream throws, as reading it does.
    /// </summary>
    public static async Task<ChatCompletion> ToCompletionAsync(this IAsyncEnumerable<ChatCompletionChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var accumulator = new ChatCompletionAccumulator();
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            accumulator.Append(chunk);
        }

        return accumulator.ToCompletion();
    }
}
