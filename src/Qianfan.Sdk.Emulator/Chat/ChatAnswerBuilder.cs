using System.Globalization;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Serialization;
using Qianfan.Sdk.Emulator.Tools;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Emulator.Chat;

/// <summary>
/// Decides the whole answer to a valid request up front (text, stream pieces, usage), so headers and every piece
/// agree: the reply function's text; an unsafe-input answer when a clear-history scenario applies; or, with
/// <c>functions</c>, a <c>function_call</c> when the last message is the user's and either <c>tool_choice</c> names a
/// function or the message asks for one by the rule of <see cref="ToolMatcher"/> (only the first it names: V1 calls one
/// function a turn). A last message of role <c>function</c> is answered with a reply that quotes its result; with
/// <c>response_format: json_object</c> the built-in reply is a JSON object (<see cref="JsonReply"/>).
/// </summary>
internal sealed class ChatAnswerBuilder(EmulatorState state)
{
    public ChatAnswer Build(ModelSpec spec, ChatRequest request)
    {
        var scenarios = state.Scenarios;
        var last = request.Messages[^1];
        var trigger = scenarios.ClearHistoryTrigger;
        var unsafeInput = (trigger is not null && last.Content.Contains(trigger, StringComparison.Ordinal))
            || scenarios.ClearHistoryCalls.TryTake(out _);

        if (!unsafeInput && FunctionToCall(request) is { } function)
        {
            var call = new FunctionCallBody(
                function.Name,
                $"用户的问题需要调用函数 {function.Name} 才能回答：{Quote(last.Content)}。",
                ToolArguments.For(function, last.Content));
            var callTokens = TokenEstimator.Count(call.Thoughts) + TokenEstimator.Count(call.Arguments);
            return new ChatAnswer(AnswerId.NewTurnId(), string.Empty, [string.Empty], false, new UsageBody(request.PromptTokens, callTokens, request.PromptTokens + callTokens))
            {
                FinishReason = "function_call",
                FunctionCall = call,
            };
        }

        var result = unsafeInput ? string.Empty : Reply(spec, request);
        var completionTokens = TokenEstimator.Count(result);
        return new ChatAnswer(
            AnswerId.NewTurnId(),
            result,
            unsafeInput ? [string.Empty] : SentenceSplitter.Split(result),
            unsafeInput,
            new UsageBody(request.PromptTokens, completionTokens, request.PromptTokens + completionTokens));
    }

    private ToolDefinition? FunctionToCall(ChatRequest request)
    {
        if (request.Functions.Count == 0 || request.Messages[^1].Role != "user")
        {
            return null;
        }

        return request.ChosenFunction is { } chosen
            ? request.Functions.FirstOrDefault(f => f.Name == chosen)
            : ToolMatcher.Match(request.Messages[^1].Content, request.Functions, state.ToolCallTrigger, parallel: false) is [var first, ..] ? first : null;
    }

    private string Reply(ModelSpec spec, ChatRequest request)
    {
        var context = new ChatReplyContext(spec, request.Messages, request.System, request.IsStream, request.Parameters);
        if (state.ReplyFactory is { } factory)
        {
            return factory(context) ?? string.Empty;
        }

        var reply = request.FunctionResultOf is { } function
            ? $"这是千帆模拟器的回答。函数 {function} 返回的结果是：{request.Messages[^1].Content}。祝你一切顺利！"
            : DefaultReply.For(context);
        return JsonReply.Shape(reply, request.Parameters);
    }

    private static string Quote(string text)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= 30 ? text : info.SubstringByTextElements(0, 30) + "…";
    }
}
