using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Serialization;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// Writes a V2 answer as the OpenAI-compatible stream: one <c>chat.completion.chunk</c> event per sentence (the first
/// with <c>delta.role</c>, the last with <c>finish_reason</c>), each flushed at once; then, when
/// <c>stream_options.include_usage</c>, an event with empty <c>choices</c> and the <c>usage</c>; then <c>data: [DONE]</c>.
/// A tool call is one event carrying <c>delta.tool_calls</c>. Applies the same stream scenarios as V1: a pause between
/// pieces, a cut (no finish, usage or <c>[DONE]</c>), a hold after piece 0.
/// </summary>
internal sealed class V2StreamWriter(EmulatorState state)
{
    public const string ContentType = "text/event-stream";

    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    public async Task WriteAsync(HttpContext context, V2ChatRequest request, V2Answer answer, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var scenarios = state.Scenarios;
        var pieces = answer.Pieces;
        var cut = scenarios.StreamCuts.TryTake(out var streamCut);
        var toSend = cut ? Math.Min(streamCut!.AfterSentences, pieces.Count - 1) : pieces.Count;

        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < toSend; i++)
        {
            var delay = scenarios.StreamSentenceDelay;
            if (i > 0 && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            var isLast = i == pieces.Count - 1;
            var delta = answer.ToolCall is { } call
                ? new V2Delta("assistant", string.Empty, [new V2ToolCallBody(0, answer.ToolCallId, "function", call)])
                : new V2Delta(i == 0 ? "assistant" : null, pieces[i], null);
            var chunk = Chunk(request, answer, [new V2ChunkChoice { Index = 0, Delta = delta, FinishReason = isLast ? answer.FinishReason : null }]);
            await WriteEventAsync(response, chunk, cancellationToken).ConfigureAwait(false);

            if (i == 0 && scenarios.TakeHold() is { } hold)
            {
                hold.NotifyFirstChunkSent();
                await hold.WaitForReleaseAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (cut)
        {
            return;
        }

        if (request.IncludeUsage)
        {
            await WriteEventAsync(response, Chunk(request, answer, [], answer.Usage), cancellationToken).ConfigureAwait(false);
        }

        await response.Body.WriteAsync(Done, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private V2ChunkBody Chunk(V2ChatRequest request, V2Answer answer, IReadOnlyList<V2ChunkChoice> choices, UsageBody? usage = null) => new()
    {
        Id = answer.Id,
        Created = state.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
        Model = request.Model,
        Choices = choices,
        Usage = usage,
    };

    private static async Task WriteEventAsync(HttpResponse response, V2ChunkBody chunk, CancellationToken cancellationToken)
    {
        JsonTypeInfo<V2ChunkBody> typeInfo = EmulatorJsonContext.Wire.V2ChunkBody;
        var json = JsonSerializer.SerializeToUtf8Bytes(chunk, typeInfo);
        var body = response.Body;
        await body.WriteAsync(DataPrefix, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(EventEnd, cancellationToken).ConfigureAwait(false);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
