using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Areas;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Errors;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Serialization;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Emulator.Completions;

/// <summary>
/// A valid completion: its continuation is <see cref="QianfanEmulatorOptions.ReplyFactory"/>'s text (the prompt as the
/// one user message) or <see cref="DefaultContinuation"/>, and an unsafe prompt (the clear-history scenarios) gets an
/// empty result with <c>need_clear_history</c>, as chat does.
/// </summary>
internal sealed class CompletionCall(
    EmulatorState state,
    ChatStreamWriter stream,
    ModelSpec spec,
    string prompt,
    bool isStream,
    IReadOnlyDictionary<string, JsonElement> parameters)
    : AreaCall(TokenEstimator.Count(prompt), isStream)
{
    public override AreaAnswer Answer(HttpContext context)
    {
        var scenarios = state.Scenarios;
        var trigger = scenarios.ClearHistoryTrigger;
        var unsafeInput = (trigger is not null && prompt.Contains(trigger, StringComparison.Ordinal)) || scenarios.ClearHistoryCalls.TryTake(out _);
        var result = unsafeInput ? "" : Continue();
        var completionTokens = TokenEstimator.Count(result);
        var answer = new ChatAnswer(
            AnswerId.NewTurnId(),
            result,
            unsafeInput ? [""] : SentenceSplitter.Split(result),
            unsafeInput,
            new UsageBody(PromptTokens, completionTokens, PromptTokens + completionTokens));

        return new AreaAnswer(completionTokens, async (http, cancellationToken) =>
        {
            http.Response.Headers["Statement"] = "AI-generated";
            if (IsStream)
            {
                await stream.WriteAsync(http, answer, cancellationToken).ConfigureAwait(false);
                return;
            }

            var body = new ChatCompletionBody
            {
                Id = answer.Id,
                Object = "completion",
                Created = state.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
                Result = answer.Result,
                NeedClearHistory = answer.NeedClearHistory,
                BanRound = answer.NeedClearHistory ? -1 : null,
                Usage = answer.Usage,
            };
            await http.Response.WriteAsJsonAsync(body, EmulatorJsonContext.Wire.ChatCompletionBody, ServiceResponses.JsonContentType, cancellationToken).ConfigureAwait(false);
        });
    }

    private string Continue()
    {
        if (state.ReplyFactory is not { } factory)
        {
            return DefaultContinuation.For(prompt);
        }

        var context = new ChatReplyContext(spec, [new ChatReplyMessage("user", prompt)], null, IsStream, parameters);
        return factory(context) ?? "";
    }
}
