using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Protocol;
using static Qianfan.Sdk.Chat.ChatRequestValidator;

namespace Qianfan.Sdk.Chat;

/// <summary>V2's documented rules for a chat body, checked before sending; the ranges are V1's, the roles are wider.</summary>
internal static class ChatCompletionRequestValidator
{
    private static readonly string[] ToolChoices = ["auto", "none", "required"];

    /// <exception cref="QianfanValidationException">A rule is broken.</exception>
    public static void Validate(ChatCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messages = request.Messages;
        if (messages.Count == 0)
        {
            throw Fail("messages", "messages must not be empty");
        }

        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i] ?? throw Fail($"messages[{i}]", $"messages[{i}] must not be null");
            if (message.Role == ChatRole.System && i != 0)
            {
                throw Fail($"messages[{i}].role", $"messages[{i}].role is system, which may only be the first message");
            }

            if (message.Role == ChatRole.Tool && string.IsNullOrEmpty(message.ToolCallId))
            {
                throw Fail($"messages[{i}].tool_call_id", $"messages[{i}].tool_call_id must be set on a tool message");
            }

            var hasToolCalls = message.ToolCalls is { Count: > 0 };
            if (hasToolCalls && message.Role != ChatRole.Assistant)
            {
                throw Fail($"messages[{i}].tool_calls", $"messages[{i}].tool_calls may only be on an assistant message, was on {Name(message.Role)}");
            }

            if (string.IsNullOrWhiteSpace(message.Content) && !hasToolCalls)
            {
                throw Fail($"messages[{i}].content", $"messages[{i}].content must not be empty");
            }
        }

        if (messages[^1].Role is not (ChatRole.User or ChatRole.Tool))
        {
            throw Fail($"messages[{messages.Count - 1}].role", $"messages[{messages.Count - 1}].role must be user or tool: the last message is what the model answers, was {Name(messages[^1].Role)}");
        }

        CheckRange("temperature", request.Temperature, 0, 1, lowerOpen: true);
        CheckRange("top_p", request.TopP, 0, 1);
        CheckRange("penalty_score", request.PenaltyScore, 1, 2);
        CheckRange("frequency_penalty", request.FrequencyPenalty, -2, 2);
        CheckRange("presence_penalty", request.PresencePenalty, -2, 2);
        if (request.ResponseFormat is { } format && format is not ("text" or "json_object"))
        {
            throw Fail("response_format", $"response_format must be text or json_object, was '{format}'");
        }

        if (request.MaxCompletionTokens is { } max)
        {
            CheckTokens("max_completion_tokens", max);
        }

        ValidateStop(request.Stop);
        for (var i = 0; i < request.Tools.Count; i++)
        {
            if (request.Tools[i]?.Function is not { Name.Length: > 0 })
            {
                throw Fail($"tools[{i}].function.name", $"tools[{i}].function.name must not be empty");
            }
        }

        if (request.ToolChoice is { } choice && !ToolChoices.Contains(choice, StringComparer.Ordinal))
        {
            throw Fail("tool_choice", $"tool_choice must be auto, none or required, was '{choice}'");
        }

        AdditionalFields.Validate(request.ExtraFields, ChatJsonContext.Default.ChatCompletionRequestBody);
    }
}
