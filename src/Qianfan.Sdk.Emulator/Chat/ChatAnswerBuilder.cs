using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Serialization;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Emulator.Chat;

/// <summary>
/// Decides the whole answer to a valid request up front (text, stream pieces, usage), so headers and every piece
/// agree: either the reply function's text, or an unsafe-input answer when a clear-history scenario applies.
/// </summary>
internal sealed class ChatAnswerBuilder(EmulatorState state)
{
    public ChatAnswer Build(ModelSpec spec, ChatRequest request)
    {
        var scenarios = state.Scenarios;
        var lastUser = request.Messages[^1].Content;
        var trigger = scenarios.ClearHistoryTrigger;
        var unsafeInput = (trigger is not null && lastUser.Contains(trigger, StringComparison.Ordinal))
            || scenarios.ClearHistoryCalls.TryTake(out _);

        var result = unsafeInput ? string.Empty : Reply(spec, request);
        var completionTokens = TokenEstimator.Count(result);
        return new ChatAnswer(
            AnswerId.NewTurnId(),
            result,
            unsafeInput ? [string.Empty] : SentenceSplitter.Split(result),
            unsafeInput,
            new UsageBody(request.PromptTokens, completionTokens, request.PromptTokens + completionTokens));
    }

    private string Reply(ModelSpec spec, ChatRequest request)
    {
        var context = new ChatReplyContext(spec, request.Messages, request.System, request.IsStream, request.Parameters);
        return state.ReplyFactory is { } factory ? factory(context) ?? string.Empty : DefaultReply.For(context);
    }
}
