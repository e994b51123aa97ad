using System.Text.Json;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>A V2 chat body that passed validation, with what answering it needs.</summary>
/// <param name="Model">The V2 model name as sent, e.g. <c>ernie-speed-8k</c>.</param>
/// <param name="Spec">The model's catalog entry (limits, V1 endpoint).</param>
/// <param name="Messages">Every message, in order, system included.</param>
/// <param name="IsStream">Whether <c>stream</c> is true.</param>
/// <param name="IncludeUsage">Whether <c>stream_options.include_usage</c> is true.</param>
/// <param name="ToolNames">The function names offered in <c>tools</c>, in order.</param>
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
    IReadOnlyList<string> ToolNames,
    V2ToolChoice ToolChoice,
    string? ChosenTool,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    int PromptTokens);
