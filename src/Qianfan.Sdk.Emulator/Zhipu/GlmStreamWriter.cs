using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Qianfan.Sdk.Emulator.Hosting;

namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>
/// Writes an answer as Zhipu streams it: one <c>data: {chunk}</c> line and a blank line per chunk, each flushed at
/// once, then <c>data: [DONE]</c>. Reasoning pieces come first (<c>delta.reasoning_content</c>), then tool calls —
/// whole in one chunk, or with <c>tool_stream</c> in two fragments each (the first with the id and name) — or the text
/// pieces (<c>delta.content</c>), then a finishing chunk with <c>finish_reason</c> and <c>usage</c>. Applies the
/// stream scenarios: a cut stream ends without its finishing chunk and <c>[DONE]</c>; pauses, holds, silences; an
/// error chunk <c>data: {"error":…}</c> after N chunks (<see cref="ZhipuScenarios.FailNextStreamsAfter"/>).
/// </summary>
internal sealed class GlmStreamWriter(EmulatorState state)
{
    public const string ContentType = "text/event-stream;charset=UTF-8";

    public async Task WriteAsync(HttpContext context, GlmCall call, GlmAnswer answer, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var scenarios = state.Scenarios;
        var chunks = Chunks(call, answer);
        var cut = scenarios.StreamCuts.TryTake(out var c);
        var toSend = cut ? Math.Min(c!.AfterSentences, chunks.Count - 1) : chunks.Count;
        var fail = scenarios.Zhipu.StreamErrors.TryTake(out var streamError) ? streamError : default((int AfterChunks, ZhipuError Error)?);
        if (fail is { } f)
        {
            toSend = Math.Min(toSend, f.AfterChunks);
        }

        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < toSend; i++)
        {
            var delay = scenarios.StreamSentenceDelay;
            if (i > 0 && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            await WriteDataAsync(response, chunks[i], cancellationToken).ConfigureAwait(false);
            if (i == 0)
            {
                await StreamPauses.AfterFirstChunkAsync(scenarios, cancellationToken).ConfigureAwait(false);
            }
        }

        if (fail is { } failure)
        {
            await WriteDataAsync(response, ZhipuJson.Error(failure.Error), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!cut)
        {
            await WriteDataAsync(response, "[DONE]"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteDataAsync(HttpResponse response, byte[] data, CancellationToken cancellationToken)
    {
        var body = response.Body;
        await body.WriteAsync("data: "u8.ToArray(), cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync("\n\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every chunk, in order, the last one finishing.</summary>
    private static List<byte[]> Chunks(GlmCall call, GlmAnswer answer)
    {
        var chunks = answer.ReasoningPieces.Select(piece => GlmBodies.Chunk(answer, null, piece, [], finishing: false)).ToList();
        if (answer.ToolCalls.Count > 0)
        {
            if (call.ToolStream)
            {
                for (var i = 0; i < answer.ToolCalls.Count; i++)
                {
                    var planned = answer.ToolCalls[i];
                    var half = planned.Arguments.Length / 2;
                    chunks.Add(GlmBodies.Chunk(answer, null, null, [(i, planned.Id, planned.Name, planned.Arguments[..half])], finishing: false));
                    chunks.Add(GlmBodies.Chunk(answer, null, null, [(i, null, null, planned.Arguments[half..])], finishing: false));
                }
            }
            else
            {
                chunks.Add(GlmBodies.Chunk(answer, null, null, [.. answer.ToolCalls.Select((t, i) => (i, (string?)t.Id, (string?)t.Name, t.Arguments))], finishing: false));
            }
        }
        else
        {
            chunks.AddRange(answer.Pieces.Select(piece => GlmBodies.Chunk(answer, piece, null, [], finishing: false)));
        }

        chunks.Add(GlmBodies.Chunk(answer, "", null, [], finishing: true));
        return chunks;
    }
}
