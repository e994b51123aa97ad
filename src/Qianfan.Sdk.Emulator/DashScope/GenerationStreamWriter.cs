using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Hosting;

namespace Qianfan.Sdk.Emulator.DashScope;

/// <summary>
/// Writes an answer as DashScope streams it: <c>id:</c>, <c>event:result</c>, the <c>:HTTP_STATUS/200</c> comment and
/// one <c>data:</c> line per event, with or without a blank line after (<see cref="DashScopeScenarios.StreamBlankLines"/>),
/// each flushed at once; no end marker. Incremental (<c>incremental_output: true</c>): each event its new piece, then an
/// empty event with the finish reason; cumulative: each event all the text so far, the last repeating it with the
/// finish reason. Reasoning streams before the text; tool calls in two fragments each, the first with the id and
/// name, the second with <c>"id":""</c> and the rest of the arguments, the last carrying <c>finish_reason: tool_calls</c>.
/// Applies the stream scenarios (cuts, pauses, holds, silences, an error event after N events).
/// </summary>
internal sealed class GenerationStreamWriter(EmulatorState state)
{
    public const string ContentType = "text/event-stream;charset=UTF-8";

    public async Task WriteAsync(HttpContext context, GenerationCall call, GenerationAnswer answer, CancellationToken cancellationToken)
    {
        var response = context.Response;
        Start(context, answer.RequestId);
        var scenarios = state.Scenarios;
        var events = Events(call, answer);
        var toSend = scenarios.StreamCuts.TryTake(out var cut) ? Math.Min(cut.AfterSentences, events.Count - 1) : events.Count;
        var fail = scenarios.DashScope.StreamErrors.TryTake(out var streamError) ? streamError : default((int AfterEvents, DashScopeError Error)?);
        if (fail is { } f)
        {
            toSend = Math.Min(toSend, f.AfterEvents);
        }

        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < toSend; i++)
        {
            var delay = scenarios.StreamSentenceDelay;
            if (i > 0 && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            await WriteEventAsync(response, i + 1, "result", 200, events[i], cancellationToken).ConfigureAwait(false);
            if (i == 0)
            {
                await StreamPauses.AfterFirstChunkAsync(scenarios, cancellationToken).ConfigureAwait(false);
            }
        }

        if (fail is { } failure)
        {
            await WriteEventAsync(response, toSend + 1, "error", failure.Error.StatusCode, DashScopeJson.Error(failure.Error, answer.RequestId), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Answers <paramref name="error"/> as the service answers a stream it refuses: an <c>event:error</c> inside an HTTP 200.</summary>
    public async Task WriteErrorAsync(HttpContext context, DashScopeError error, string requestId, CancellationToken cancellationToken)
    {
        Start(context, requestId);
        await context.Response.StartAsync(cancellationToken).ConfigureAwait(false);
        await WriteEventAsync(context.Response, 1, "error", error.StatusCode, DashScopeJson.Error(error, requestId), cancellationToken).ConfigureAwait(false);
    }

    private static void Start(HttpContext context, string requestId)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers[DashScopeJson.RequestIdHeader] = requestId;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    private async Task WriteEventAsync(HttpResponse response, int id, string type, int status, byte[] data, CancellationToken cancellationToken)
    {
        var head = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"id:{id}\nevent:{type}\n:HTTP_STATUS/{status}\ndata:"));
        var body = response.Body;
        await body.WriteAsync(head, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(state.Scenarios.DashScope.StreamBlankLines ? "\n\n"u8.ToArray() : "\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every event's data, in order, the last one finishing.</summary>
    private static List<byte[]> Events(GenerationCall call, GenerationAnswer answer)
    {
        var events = new List<byte[]>();
        var cumulative = !call.Incremental;
        var reasoningSoFar = "";
        var textSoFar = "";

        int Tokens() => TokenEstimator.Count(reasoningSoFar) + TokenEstimator.Count(textSoFar);

        foreach (var piece in answer.ReasoningPieces)
        {
            reasoningSoFar += piece;
            events.Add(GenerationBodies.Write(answer, call.IsMessageFormat, cumulative ? textSoFar : "", cumulative ? reasoningSoFar : piece, [], "null", Tokens()));
        }

        if (answer.ToolCalls.Count > 0)
        {
            var fragments = new List<(int Index, string? Id, string? Name, string Arguments)>();
            for (var c = 0; c < answer.ToolCalls.Count; c++)
            {
                var planned = answer.ToolCalls[c];
                var half = planned.Arguments.Length / 2;
                var first = (c, (string?)planned.Id, (string?)planned.Name, planned.Arguments[..half]);
                var rest = (c, (string?)"", (string?)null, planned.Arguments[half..]);
                var isLast = c == answer.ToolCalls.Count - 1;
                if (cumulative)
                {
                    events.Add(Calls(answer, call, fragments.Append(first).ToList(), "null"));
                    fragments.Add((c, planned.Id, planned.Name, planned.Arguments));
                    events.Add(Calls(answer, call, fragments, isLast ? "tool_calls" : "null"));
                }
                else
                {
                    events.Add(Calls(answer, call, [first], "null"));
                    events.Add(Calls(answer, call, [rest], isLast ? "tool_calls" : "null"));
                }
            }

            return events;
        }

        foreach (var piece in answer.Pieces)
        {
            textSoFar += piece;
            events.Add(GenerationBodies.Write(answer, call.IsMessageFormat, cumulative ? textSoFar : piece, cumulative ? reasoningSoFar : "", [], "null", Tokens()));
        }

        events.Add(GenerationBodies.Write(answer, call.IsMessageFormat, cumulative ? textSoFar : "", cumulative ? reasoningSoFar : "", [], answer.FinishReason, answer.OutputTokens));
        return events;
    }

    private static byte[] Calls(GenerationAnswer answer, GenerationCall call, IReadOnlyList<(int Index, string? Id, string? Name, string Arguments)> fragments, string finish) =>
        GenerationBodies.Write(answer, call.IsMessageFormat, "", "", fragments, finish, finish == "null" ? answer.OutputTokens / 2 : answer.OutputTokens);
}
