using System.Security.Cryptography;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Serialization;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// Decides a V2 answer up front, so the sync body or every stream piece and the usage agree. The answer is a tool
/// call when the request offers tools, its last message is the user's, <c>tool_choice</c> is not <c>none</c>, and
/// either <c>tool_choice</c> demands one (<c>required</c> or a named function) or the last message contains
/// <see cref="QianfanEmulatorOptions.ToolCallTrigger"/>. Otherwise it is text: the reply function's, or the same
/// deterministic reply V1 gives (for a last message that is a tool result, one that quotes the result).
/// </summary>
internal sealed class V2AnswerBuilder(EmulatorState state, V2State v2)
{
    private const string CallIdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public V2Answer Build(V2ChatRequest request)
    {
        var id = AnswerId.NewTurnId();
        if (ToolToCall(request) is { } tool)
        {
            var call = new V2FunctionCallBody(tool, "{}");
            var callTokens = TokenEstimator.Count(tool) + TokenEstimator.Count(call.Arguments);
            return new V2Answer(
                id,
                string.Empty,
                [string.Empty],
                call,
                "call_" + RandomNumberGenerator.GetString(CallIdAlphabet, 24),
                "tool_calls",
                new UsageBody(request.PromptTokens, callTokens, request.PromptTokens + callTokens));
        }

        var text = Reply(request);
        var completionTokens = TokenEstimator.Count(text);
        return new V2Answer(
            id,
            text,
            SentenceSplitter.Split(text),
            null,
            string.Empty,
            "stop",
            new UsageBody(request.PromptTokens, completionTokens, request.PromptTokens + completionTokens));
    }

    private string? ToolToCall(V2ChatRequest request)
    {
        var last = request.Messages[^1];
        if (request.ToolNames.Count == 0 || request.ToolChoice == V2ToolChoice.None || last.Role != "user")
        {
            return null;
        }

        var triggered = request.ToolChoice is V2ToolChoice.Required or V2ToolChoice.Named
            || (v2.ToolCallTrigger is { } trigger && last.Content.Contains(trigger, StringComparison.Ordinal));
        return triggered ? request.ChosenTool ?? request.ToolNames[0] : null;
    }

    private string Reply(V2ChatRequest request)
    {
        var system = request.Messages[0].Role == "system" ? request.Messages[0].Content : null;
        var messages = request.Messages
            .Where(m => m.Role != "system")
            .Select(m => new ChatReplyMessage(m.Role, m.Content))
            .ToList();
        var context = new ChatReplyContext(request.Spec, messages, system, request.IsStream, request.Parameters);
        if (state.ReplyFactory is { } factory)
        {
            return factory(context) ?? string.Empty;
        }

        var last = request.Messages[^1];
        if (last.Role != "tool")
        {
            return DefaultReply.For(context);
        }

        var toolName = request.Messages
            .SelectMany(m => m.ToolCalls)
            .LastOrDefault(call => call.Id == last.ToolCallId).Name ?? "tool";
        return $"这是千帆模拟器的回答。工具 {toolName} 返回的结果是：{last.Content}。祝你一切顺利！";
    }
}
