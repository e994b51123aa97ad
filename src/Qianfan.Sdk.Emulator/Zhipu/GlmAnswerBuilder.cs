using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Tools;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>
/// Decides a GLM answer: a tool call by the emulator's tool rule (<see cref="ToolMatcher"/>, one call, when the last
/// message is the user's), else text — the reply function's, or <c>这是智谱 GLM 模拟器的回答。你说的是：…。祝你一切顺利！</c>
/// (for a tool result, a reply that quotes it), shaped by <c>response_format</c> — split into sentences. A model that
/// thinks (<see cref="GlmCall.Thinks"/>) reasons first, in <c>reasoning_content</c>. The request's own
/// <c>request_id</c> is echoed, as the service does.
/// </summary>
internal sealed class GlmAnswerBuilder(EmulatorState state)
{
    public GlmAnswer Build(GlmCall call)
    {
        var last = call.Messages[^1];
        var id = ZhipuJson.NewId();
        var requestId = call.Parameters.TryGetValue("request_id", out var r) && r.ValueKind == System.Text.Json.JsonValueKind.String ? r.GetString()! : id;
        var created = state.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        var reasoning = call.Thinks ? $"这是智谱 GLM 模拟器的思考过程。用户说的是：{last.Content}。先想清楚要点，再组织回答。" : "";
        var reasoningPieces = reasoning.Length > 0 ? SentenceSplitter.Split(reasoning) : [];
        var reasoningTokens = TokenEstimator.Count(reasoning);

        var tools = call.Tools.Count == 0 || last.Role != "user" ? [] : ToolMatcher.Match(last.Content, call.Tools, state.ToolCallTrigger, parallel: false);
        if (tools.Count > 0)
        {
            var calls = tools.Select(t => new GlmToolCall(ZhipuJson.NewCallId(), t.Name, ToolArguments.For(t, last.Content))).ToList();
            var callTokens = calls.Sum(c => TokenEstimator.Count(c.Name) + TokenEstimator.Count(c.Arguments));
            return new GlmAnswer(id, requestId, call.Model, created, [], reasoningPieces, calls, "tool_calls", call.InputTokens, callTokens + reasoningTokens);
        }

        var text = Reply(call);
        return new GlmAnswer(id, requestId, call.Model, created, SentenceSplitter.Split(text), reasoningPieces, [], "stop", call.InputTokens, TokenEstimator.Count(text) + reasoningTokens);
    }

    private string Reply(GlmCall call)
    {
        var system = call.Messages[0].Role == "system" ? call.Messages[0].Content : null;
        var messages = call.Messages.Where(m => m.Role != "system").Select(m => new ChatReplyMessage(m.Role, m.Content)).ToList();
        if (state.ReplyFactory is { } factory)
        {
            return factory(new ChatReplyContext(ModelSpec.ForCustomEndpoint(call.Model), messages, system, call.IsStream, call.Parameters)) ?? "";
        }

        var last = call.Messages[^1];
        if (last.Role == "tool")
        {
            var tool = call.Messages.SelectMany(m => m.ToolCalls).LastOrDefault(c => c.Id == last.ToolCallId).Name ?? "tool";
            return JsonReply.Shape($"这是智谱 GLM 模拟器的回答。工具 {tool} 返回的结果是：{last.Content}。祝你一切顺利！", call.Parameters);
        }

        return JsonReply.Shape($"这是智谱 GLM 模拟器的回答。你说的是：{last.Content}。祝你一切顺利！", call.Parameters);
    }
}
