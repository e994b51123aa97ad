namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>Folding a streamed reply into the reply a one-shot call would give.</summary>
public static class GenerationStreamExtensions
{
    /// <summary>
    /// Reads the whole stream and returns it as one <see cref="GenerationResponse"/>: the whole text and reasoning, the
    /// assembled tool calls, the finish reason, the final usage and the request id, in the format the events came in.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stream yielded no event.</exception>
    public static async Task<GenerationResponse> ToResponseAsync(this IAsyncEnumerable<GenerationChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        GenerationChunk? last = null;
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            last = chunk;
        }

        return last is null ? throw new InvalidOperationException("The stream yielded no event.") : ToResponse(last);
    }

    /// <summary>The reply a stream that ended with <paramref name="last"/> adds up to.</summary>
    internal static GenerationResponse ToResponse(GenerationChunk last)
    {
        var finish = last.Output.FinishReason ?? (last.Output.Choices.Count > 0 ? last.Output.Choices[0]?.FinishReason : null);
        var output = last.ResultFormat == GenerationResultFormat.Message
            ? new GenerationOutput
            {
                Choices =
                [
                    new GenerationChoice
                    {
                        Index = 0,
                        FinishReason = finish,
                        Message = new GenerationMessage(GenerationRole.Assistant, last.Text)
                        {
                            ToolCalls = last.ToolCalls.Count > 0 ? last.ToolCalls : null,
                            ReasoningContent = last.Reasoning.Length > 0 ? last.Reasoning : null,
                        },
                    },
                ],
            }
            : new GenerationOutput { Text = last.Text, FinishReason = finish };
        return new GenerationResponse { Output = output, Usage = last.Usage, BodyRequestId = last.BodyRequestId, Response = last.Response };
    }
}
