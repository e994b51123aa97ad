using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Serialization;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// Writes a V2 answer as the OpenAI-compatible stream, each event flushed at once: the reasoning a piece per sentence
/// (<c>delta.reasoning_content</c>), then the text a piece per sentence (<c>delta.content</c>), or the tool calls as
/// fragments keyed by <c>index</c> (the id, type and name once, then the arguments in several pieces); the first
/// event has <c>delta.role</c> (and <c>search_results</c> when the answer searched the web), the last
/// <c>finish_reason</c>. Then, when <c>stream_options.include_usage</c>, an event with empty <c>choices</c> and the
/// <c>usage</c>; then <c>data: [DONE]</c>. Applies the stream scenarios: a pause between events, a cut (no finish,
/// usage or <c>[DONE]</c>), a hold or a silence after event 0, a bare <c>{"usage":…}</c> tail.
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
        var chunks = Chunks(request, answer);
        var cut = scenarios.StreamCuts.TryTake(out var streamCut);
        var toSend = cut ? Math.Min(streamCut!.AfterSentences, chunks.Count - 1) : chunks.Count;

        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < toSend; i++)
        {
            var delay = scenarios.StreamSentenceDelay;
            if (i > 0 && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            await WriteEventAsync(response, JsonSerializer.SerializeToUtf8Bytes(chunks[i], EmulatorJsonContext.Wire.V2ChunkBody), cancellationToken).ConfigureAwait(false);
            if (i == 0)
            {
                await StreamPauses.AfterFirstChunkAsync(scenarios, cancellationToken).ConfigureAwait(false);
            }
        }

        if (cut)
        {
            return;
        }

        if (scenarios.UsageOnlyTails.TryTake(out _))
        {
            await WriteEventAsync(response, JsonSerializer.SerializeToUtf8Bytes(new V2UsageOnlyBody(answer.Usage), EmulatorJsonContext.Wire.V2UsageOnlyBody), cancellationToken).ConfigureAwait(false);
        }
        else if (request.IncludeUsage)
        {
            await WriteEventAsync(response, JsonSerializer.SerializeToUtf8Bytes(Chunk(request, answer, [], usage: answer.Usage), EmulatorJsonContext.Wire.V2ChunkBody), cancellationToken).ConfigureAwait(false);
        }

        await response.Body.WriteAsync(Done, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every event of the answer but the usage tail, in order.</summary>
    private List<V2ChunkBody> Chunks(V2ChatRequest request, V2Answer answer)
    {
        var deltas = new List<V2Delta>();
        deltas.AddRange(answer.ReasoningPieces.Select(p => new V2Delta(null, null, null) { ReasoningContent = p }));
        for (var k = 0; k < answer.ToolCalls.Count; k++)
        {
            var call = answer.ToolCalls[k];
            deltas.Add(new V2Delta(null, string.Empty, [new V2ToolCallBody(k, call.Id, "function", new V2FunctionCallBody(call.Name, string.Empty))]));
            deltas.AddRange(Fragments(call.Arguments).Select(f => new V2Delta(null, null, [new V2ToolCallBody(k, null, null, new V2FunctionCallBody(null, f))])));
        }

        if (answer.ToolCalls.Count == 0)
        {
            deltas.AddRange(answer.Pieces.Select(p => new V2Delta(null, p, null)));
        }

        if (deltas.Count == 0)
        {
            deltas.Add(new V2Delta(null, string.Empty, null));
        }

        deltas[0] = deltas[0] with { Role = "assistant" };
        return [.. deltas.Select((delta, i) => Chunk(
            request,
            answer,
            [new V2ChunkChoice
            {
                Index = 0,
                Delta = delta,
                FinishReason = i == deltas.Count - 1 ? answer.FinishReason : null,
                NeedClearHistory = answer.NeedClearHistory ? true : null,
                BanRound = answer.NeedClearHistory ? -1 : null,
            }],
            i == 0 && answer.SearchResults.Count > 0 ? answer.SearchResults : null))];
    }

    /// <summary>Arguments in three pieces or so, cut between text elements, as the service streams them.</summary>
    private static List<string> Fragments(string arguments)
    {
        var info = new StringInfo(arguments);
        var length = info.LengthInTextElements;
        var size = Math.Max(1, (length + 2) / 3);
        var fragments = new List<string>();
        for (var start = 0; start < length; start += size)
        {
            fragments.Add(info.SubstringByTextElements(start, Math.Min(size, length - start)));
        }

        return fragments;
    }

    private V2ChunkBody Chunk(V2ChatRequest request, V2Answer answer, IReadOnlyList<V2ChunkChoice> choices, IReadOnlyList<V2SearchResultBody>? searchResults = null, UsageBody? usage = null) => new()
    {
        Id = answer.Id,
        Created = state.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
        Model = request.Model,
        Choices = choices,
        SearchResults = searchResults,
        Usage = usage,
    };

    private static async Task WriteEventAsync(HttpResponse response, byte[] json, CancellationToken cancellationToken)
    {
        var body = response.Body;
        await body.WriteAsync(DataPrefix, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(EventEnd, cancellationToken).ConfigureAwait(false);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
