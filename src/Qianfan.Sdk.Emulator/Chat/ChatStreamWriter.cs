using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Serialization;

namespace Qianfan.Sdk.Emulator.Chat;

/// <summary>
/// Writes an answer as the service streams it: one <c>data: {json}</c> event per sentence, each flushed to the
/// socket at once, <c>is_end</c> true only on the last, which alone carries the final usage. Applies the stream
/// scenarios: a pause between pieces, a cut before the end, a hold or a silence after piece 0. A function call is the
/// last piece's <c>function_call</c>. V1 completions stream the same way, with <paramref name="objectType"/> <c>completion</c>.
/// </summary>
internal sealed class ChatStreamWriter(EmulatorState state, string objectType = "chat.completion")
{
    public const string ContentType = "text/event-stream";

    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    public async Task WriteAsync(HttpContext context, ChatAnswer answer, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var scenarios = state.Scenarios;
        var pieces = answer.Pieces;
        var toSend = scenarios.StreamCuts.TryTake(out var cut) ? Math.Min(cut.AfterSentences, pieces.Count - 1) : pieces.Count;
        var prompt = answer.Usage.PromptTokens;
        var partialUsage = new UsageBody(prompt, 0, prompt);

        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < toSend; i++)
        {
            var delay = scenarios.StreamSentenceDelay;
            if (i > 0 && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            var isEnd = i == pieces.Count - 1;
            var piece = new ChatCompletionBody
            {
                Id = answer.Id,
                Object = objectType,
                Created = state.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
                SentenceId = i,
                IsEnd = isEnd,
                Result = pieces[i],
                FinishReason = isEnd ? answer.FinishReason : "normal",
                FunctionCall = isEnd ? answer.FunctionCall : null,
                NeedClearHistory = answer.NeedClearHistory,
                BanRound = answer.NeedClearHistory ? -1 : null,
                Usage = isEnd ? answer.Usage : partialUsage,
            };
            await WriteEventAsync(response, piece, cancellationToken).ConfigureAwait(false);

            if (i == 0)
            {
                await StreamPauses.AfterFirstChunkAsync(scenarios, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, ChatCompletionBody piece, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(piece, EmulatorJsonContext.Wire.ChatCompletionBody);
        var body = response.Body;
        await body.WriteAsync(DataPrefix, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(EventEnd, cancellationToken).ConfigureAwait(false);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
