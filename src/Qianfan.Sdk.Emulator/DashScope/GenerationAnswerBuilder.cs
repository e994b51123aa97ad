using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Tools;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Emulator.DashScope;

/// <summary>
/// Decides a text-generation answer: tool calls by the emulator's tool rule (<see cref="ToolMatcher"/>; several when
/// the message names several and <c>parallel_tool_calls</c> is true, the one <c>tool_choice</c> names, none with
/// <c>none</c>), else text — the reply function's, or <c>这是通义千问模拟器的回答。你说的是：…。祝你一切顺利！</c>
/// (for a tool result, a reply that quotes it), shaped by <c>response_format</c> — split into sentences. With
/// <c>enable_thinking</c> a reasoning comes first, counted in <c>output_tokens_details.reasoning_tokens</c>.
/// </summary>
internal sealed class GenerationAnswerBuilder(EmulatorState state)
{
    public GenerationAnswer Build(GenerationCall call)
    {
        var last = call.Messages[^1];
        var reasoning = call.Thinks ? $"这是通义千问模拟器的思考过程。用户说的是：{last.Content}。先想清楚要点，再组织回答。" : "";
        var reasoningPieces = reasoning.Length > 0 ? SentenceSplitter.Split(reasoning) : [];
        var reasoningTokens = TokenEstimator.Count(reasoning);

        var calls = ToolsToCall(call).Select(tool => new PlannedToolCall(DashScopeJson.NewCallId(), tool.Name, ToolArguments.For(tool, last.Content))).ToList();
        if (calls.Count > 0)
        {
            var callTokens = calls.Sum(c => TokenEstimator.Count(c.Name) + TokenEstimator.Count(c.Arguments));
            return new GenerationAnswer(DashScopeJson.NewRequestId(), [], reasoningPieces, calls, "tool_calls", call.InputTokens, callTokens + reasoningTokens, reasoningTokens);
        }

        var text = Reply(call);
        var pieces = SentenceSplitter.Split(text);
        return new GenerationAnswer(DashScopeJson.NewRequestId(), pieces, reasoningPieces, [], "stop", call.InputTokens, TokenEstimator.Count(text) + reasoningTokens, reasoningTokens);
    }

    private IReadOnlyList<ToolDefinition> ToolsToCall(GenerationCall call)
    {
        if (call.Tools.Count == 0 || call.ToolChoice == "none" || call.Messages[^1].Role != "user")
        {
            return [];
        }

        if (call.ToolChoice is { } chosen && chosen != "auto")
        {
            return [.. call.Tools.Where(t => t.Name == chosen)];
        }

        return ToolMatcher.Match(call.Messages[^1].Content, call.Tools, state.ToolCallTrigger, call.ParallelToolCalls);
    }

    private string Reply(GenerationCall call)
    {
        var system = call.Messages[0].Role == "system" ? call.Messages[0].Content : null;
        var messages = call.Messages.Where(m => m.Role != "system").Select(m => new ChatReplyMessage(m.Role, m.Content)).ToList();
        var context = new ChatReplyContext(ModelSpec.ForCustomEndpoint(call.Model), messages, system, call.IsStream, call.Parameters);
        if (state.ReplyFactory is { } factory)
        {
            return factory(context) ?? "";
        }

        var last = call.Messages[^1];
        if (last.Role == "tool")
        {
            var tool = call.Messages.SelectMany(m => m.ToolCalls).LastOrDefault(c => c.Id == last.ToolCallId).Name ?? "tool";
            return JsonReply.Shape($"这是通义千问模拟器的回答。工具 {tool} 返回的结果是：{last.Content}。祝你一切顺利！", call.Parameters);
        }

        return JsonReply.Shape($"这是通义千问模拟器的回答。你说的是：{last.Content}。祝你一切顺利！", call.Parameters);
    }
}
