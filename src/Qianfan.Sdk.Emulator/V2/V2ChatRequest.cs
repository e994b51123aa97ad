using System.Text.Json;
using Qianfan.Sdk.Emulator.Tools;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>A V2 chat body that passed validation, with what answering it needs.</summary>
/// <param name="Model">The V2 model name as sent, e.g. <c>ernie-speed-8k</c>.</param>
/// <param name="Spec">The model's catalog entry (limits, V1 endpoint).</param>
/// <param name="Messages">Every message, in order, system included.</param>
/// <param name="IsStream">Whether <c>stream</c> is true.</param>
/// <param name="IncludeUsage">Whether <c>stream_options.include_usage</c> is true.</param>
/// <param name="Tools">The functions offered in <c>tools</c>, in order.</param>
/// <param name="ToolChoice">What <c>tool_choice</c> allows.</param>
/// <param name="ChosenTool">The function <c>tool_choice</c> names, when it names one.</param>
/// <param name="Parameters">Every body key except <c>messages</c>, as sent.</param>
/// <param name="PromptTokens">The estimated tokens of every message's content.</param>
internal sealed record V2ChatRequest(
    string Model,
    ModelSpec Spec,
    IReadOnlyList<V2ChatMessage> Messages,
    bool IsStream,
    bool IncludeUsage,
    IReadOnlyList<ToolDefinition> Tools,
    V2ToolChoice ToolChoice,
    string? ChosenTool,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    int PromptTokens)
{
    /// <summary>Whether the model thinks before it answers: a thinking model of the V2 catalog, unless <c>enable_thinking</c> is false.</summary>
    public bool Thinks { get; init; }

    /// <summary>Whether <c>web_search.enable</c> is true.</summary>
    public bool SearchesTheWeb { get; init; }

    /// <summary>Whether the answer marks its sources <c>[1]</c> …: with web search, unless <c>web_search.enable_citation</c> is false.</summary>
    public bool Cites { get; init; }

    /// <summary>Whether several tools may be called in one turn (<c>parallel_tool_calls</c> is not false).</summary>
    public bool ParallelToolCalls { get; init; } = true;
}
