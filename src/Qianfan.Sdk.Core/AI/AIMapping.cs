using Microsoft.Extensions.AI;
using MEAI = Microsoft.Extensions.AI;

namespace Qianfan.Sdk.Core.AI;

/// <summary>
/// What every platform's Microsoft.Extensions.AI adapter maps alike: finish reasons, the extra reply flags, times,
/// the system prompt, reasoning budgets, call ids, extra body fields, <c>GetService</c>, and the
/// <see cref="NotSupportedException"/> for an option a platform cannot honour.
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

    /// <summary>
    /// The one system prompt the services take, from the three places M.E.AI may put it: a system text the SDK request
    /// already holds (from <c>RawRepresentationFactory</c>), <see cref="ChatOptions.Instructions"/> and system messages,
    /// joined in that order. Every other message goes to <paramref name="addTurn"/> in order.
    /// </summary>
    /// <returns>The joined text, or null when options and messages add none (<paramref name="existing"/> then stands).</returns>
    public static string? SystemText(string? existing, ChatOptions? options, IEnumerable<MEAI.ChatMessage> messages, Action<MEAI.ChatMessage> addTurn)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var system = new List<string>();
        if (options?.Instructions is { Length: > 0 } instructions)
        {
            system.Add(instructions);
        }

        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                // A system message without text (an image, nothing) adds nothing: an empty prompt is refused by the services.
                if (Text(message) is var text && !string.IsNullOrWhiteSpace(text))
                {
                    system.Add(text);
                }
            }
            else
            {
                addTurn(message);
            }
        }

        if (system.Count == 0)
        {
            return null;
        }

        if (existing is { Length: > 0 })
        {
            system.Insert(0, existing);
        }

        return string.Join("\n\n", system);
    }

    /// <summary>The thinking budget an effort stands for where a service takes one: low to extra high give 1K to 16K tokens.</summary>
    public static int? ThinkingBudget(ReasoningEffort effort) => effort switch
    {
        ReasoningEffort.Low => 1024,
        ReasoningEffort.Medium => 4096,
        ReasoningEffort.High => 8192,
        ReasoningEffort.ExtraHigh => 16384,
        _ => null,
    };

    /// <summary>A tool call's id, or one made from the response's id (else <c>call</c>, as V1's) and the call's place when the service gave none.</summary>
    public static string CallId(string? id, string? responseId, int index) => string.IsNullOrEmpty(id) ? $"{(string.IsNullOrEmpty(responseId) ? "call" : responseId)}-{index}" : id;

    /// <summary>
    /// <c>GetService</c> as every adapter answers it: its metadata, itself, the root client it came from, the area
    /// client it wraps; nothing for a keyed request.
    /// </summary>
    public static object? Service(Type serviceType, object? serviceKey, object metadata, object adapter, object? root, object area)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == metadata.GetType() ? metadata
            : serviceType.IsInstanceOfType(adapter) ? adapter
            : root is not null && serviceType.IsInstanceOfType(root) ? root
            : serviceType.IsInstanceOfType(area) ? area
            : null;
    }
}
