using System.Globalization;
using System.Security.Cryptography;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Serialization;
using Qianfan.Sdk.Emulator.Tools;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// Decides a V2 answer up front, so the sync body or every stream piece and the usage agree.
/// <list type="bullet">
/// <item>Tool calls, when the request offers tools, its last message is the user's and <c>tool_choice</c> is not
/// <c>none</c>: the tool <c>tool_choice</c> names; else the tools the message asks for by the rule of
/// <see cref="ToolMatcher"/> (several when it names several and <c>parallel_tool_calls</c> is not false); else, with
/// <c>tool_choice: "required"</c>, the first tool. Arguments come from each tool's schema (<see cref="ToolArguments"/>).</item>
/// <item>Otherwise text: the reply function's, or the deterministic reply V1 gives (for a last message that is a tool
/// result, one that quotes the result). With <c>web_search.enable</c> it cites two pages on the emulator's own host
/// as <c>[1]</c> and <c>[2]</c> (unless <c>enable_citation</c> is false) and lists them in <c>search_results</c>;
/// with <c>response_format</c> <c>json_object</c> or <c>json_schema</c> the built-in reply is JSON (<see cref="JsonReply"/>).</item>
/// <item>An unsafe input (<see cref="EmulatorScenarios.ClearHistoryTrigger"/>, <see cref="EmulatorScenarios.ClearHistoryOnNextChatCalls"/>)
/// gets an empty answer whose choice says <c>need_clear_history: true</c> and <c>ban_round: -1</c>, as V1's does.</item>
/// <item>A thinking model of the V2 catalog (<c>IsReasoning</c>, e.g. <c>ernie-x1.1</c>, <c>deepseek-r1</c>) reasons
/// first, unless <c>enable_thinking</c> is false: <c>reasoning_content</c>, counted in
/// <c>completion_tokens_details.reasoning_tokens</c>.</item>
/// </list>
/// </summary>
internal sealed class V2AnswerBuilder(EmulatorState state, V2State v2)
{
    private const string CallIdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public V2Answer Build(V2ChatRequest request, Uri origin)
    {
        var id = AnswerId.NewTurnId();
        var last = request.Messages[^1];
        var scenarios = state.Scenarios;
        var trigger = scenarios.ClearHistoryTrigger;
        if ((last.Role == "user" && trigger is not null && last.Content.Contains(trigger, StringComparison.Ordinal)) || scenarios.ClearHistoryCalls.TryTake(out _))
        {
            return new V2Answer(id, string.Empty, [string.Empty], string.Empty, [], [], [], "stop", Usage(request with { Thinks = false }, 0, 0)) { NeedClearHistory = true };
        }

        var reasoning = request.Thinks ? $"这是千帆模拟器的思考过程。用户说的是：{Quote(last.Content)}。先想清楚要点，再组织回答。" : string.Empty;
        var reasoningPieces = reasoning.Length > 0 ? SentenceSplitter.Split(reasoning) : [];
        var reasoningTokens = TokenEstimator.Count(reasoning);

        var calls = ToolsToCall(request)
            .Select(tool => new V2PlannedCall("call_" + RandomNumberGenerator.GetString(CallIdAlphabet, 24), tool.Name, ToolArguments.For(tool, last.Content)))
            .ToList();
        if (calls.Count > 0)
        {
            var callTokens = calls.Sum(c => TokenEstimator.Count(c.Name) + TokenEstimator.Count(c.Arguments)) + reasoningTokens;
            return new V2Answer(id, string.Empty, [], reasoning, reasoningPieces, calls, [], "tool_calls", Usage(request, callTokens, reasoningTokens));
        }

        var pieces = SentenceSplitter.Split(Reply(request)).ToList();
        V2SearchResultBody[] results = [];
        if (request.SearchesTheWeb)
        {
            results = SearchResults(origin, last.Content);
            if (request.Cites)
            {
                for (var i = 0; i < results.Length; i++)
                {
                    var at = Math.Min(i, pieces.Count - 1);
                    pieces[at] = Cite(pieces[at], results[i].Index);
                }
            }
        }

        var text = string.Concat(pieces);
        var completionTokens = TokenEstimator.Count(text) + reasoningTokens;
        return new V2Answer(id, text, pieces, reasoning, reasoningPieces, [], results, "stop", Usage(request, completionTokens, reasoningTokens));
    }

    private static UsageBody Usage(V2ChatRequest request, int completionTokens, int reasoningTokens) =>
        new(request.PromptTokens, completionTokens, request.PromptTokens + completionTokens)
        {
            CompletionTokensDetails = request.Thinks ? new CompletionTokensDetailsBody(reasoningTokens) : null,
        };

    private IReadOnlyList<ToolDefinition> ToolsToCall(V2ChatRequest request)
    {
        var last = request.Messages[^1];
        if (request.Tools.Count == 0 || request.ToolChoice == V2ToolChoice.None || last.Role != "user")
        {
            return [];
        }

        if (request.ToolChoice == V2ToolChoice.Named)
        {
            return [.. request.Tools.Where(t => t.Name == request.ChosenTool)];
        }

        var asked = ToolMatcher.Match(last.Content, request.Tools, v2.ToolCallTrigger, request.ParallelToolCalls);
        return asked.Count == 0 && request.ToolChoice == V2ToolChoice.Required ? [request.Tools[0]] : asked;
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
            return JsonReply.Shape(DefaultReply.For(context), request.Parameters);
        }

        var toolName = request.Messages
            .SelectMany(m => m.ToolCalls)
            .LastOrDefault(call => call.Id == last.ToolCallId).Name ?? "tool";
        return JsonReply.Shape($"这是千帆模拟器的回答。工具 {toolName} 返回的结果是：{last.Content}。祝你一切顺利！", request.Parameters);
    }

    /// <summary>Two pages on the emulator's own host, named after the question.</summary>
    private static V2SearchResultBody[] SearchResults(Uri origin, string question) =>
    [
        new(1, new Uri(origin, "/emulated-search/1").AbsoluteUri, $"千帆模拟器的搜索结果一：{Quote(question)}"),
        new(2, new Uri(origin, "/emulated-search/2").AbsoluteUri, $"千帆模拟器的搜索结果二：{Quote(question)}"),
    ];

    /// <summary>The citation mark before the sentence's closing punctuation, as the service writes it: <c>回答[1]。</c>.</summary>
    private static string Cite(string sentence, int index)
    {
        var end = sentence.Length;
        while (end > 0 && sentence[end - 1] is '。' or '！' or '？' or '；' or '…' or '.' or '!' or '?' or ';' or '\n' or ' ')
        {
            end--;
        }

        return string.Concat(sentence.AsSpan(0, end), string.Create(CultureInfo.InvariantCulture, $"[{index}]"), sentence.AsSpan(end));
    }

    /// <summary>At most 30 characters of <paramref name="text"/>, cut between text elements.</summary>
    private static string Quote(string text)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= 30 ? text : info.SubstringByTextElements(0, 30) + "…";
    }
}
