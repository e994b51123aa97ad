using Microsoft.Extensions.AI;
using MEAI = Microsoft.Extensions.AI;

namespace Qianfan.Sdk.Core.AI;

/// <summary>
/// What every platform's Microsoft.Extensions.AI adapter maps alike: finish reasons, the extra reply flags, times,
/// extra body fields, and the <see cref="NotSupportedException"/> for an option a platform cannot honour.
/// </summary>
internal static class AIMapping
{
    public static ChatFinishReason? FinishReason(string? reason) => reason switch
    {
        null => null,
        "stop" or "normal" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" or "sensitive" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(reason),
    };

    public static DateTimeOffset? CreatedAt(long created) => created > 0 ? DateTimeOffset.FromUnixTimeSeconds(created) : null;

    /// <summary>The safety flags of a reply, where set: <c>need_clear_history</c>, <c>ban_round</c>, <c>flag</c>.</summary>
    public static AdditionalPropertiesDictionary? Flags(bool needClearHistory, int? banRound, int? flag)
    {
        if (!needClearHistory && banRound is null && flag is null)
        {
            return null;
        }

        var properties = new AdditionalPropertiesDictionary { ["need_clear_history"] = needClearHistory };
        if (banRound is { } round)
        {
            properties["ban_round"] = round;
        }

        if (flag is { } value)
        {
            properties["flag"] = value;
        }

        return properties;
    }

    /// <summary>Whether reasoning reaches the caller: yes unless <see cref="ReasoningOptions.Output"/> says none.</summary>
    public static bool ShowsReasoning(ChatOptions? options) => options?.Reasoning?.Output is not ReasoningOutput.None;

    /// <summary>The text of an M.E.AI message's text parts.</summary>
    public static string Text(MEAI.ChatMessage message) => string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));

    public static NotSupportedException Unsupported(string api, string option, string why) =>
        new($"{option} is not supported by {api}: {why}.");

    /// <summary>The extra body fields M.E.AI asks for, added to the SDK request's <c>AdditionalProperties</c>.</summary>
    public static void AddExtraFields(IDictionary<string, System.Text.Json.Nodes.JsonNode?> target, ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { Count: > 0 } extra)
        {
            return;
        }

        foreach (var (key, value) in extra)
        {
            target[key] = AIJson.Node(key, value);
        }
    }
}
