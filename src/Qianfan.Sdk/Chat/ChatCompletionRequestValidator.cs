using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Protocol;
using static Qianfan.Sdk.Chat.ChatRequestValidator;
using static Qianfan.Sdk.Protocol.ParameterRules;

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

            if (message.Role == ChatRole.Function)
            {
                throw Fail($"messages[{i}].role", $"messages[{i}].role is function, which only V1 chat takes; answer a V2 tool call with ChatMessage.Tool");
            }

            if (message.Parts is { } parts)
            {
                ValidateParts(i, message, parts);
            }
            else if (string.IsNullOrWhiteSpace(message.Content) && !hasToolCalls)
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
        if (request.ResponseFormat is { JsonSchema: { } schema } && schema.Schema.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            throw Fail("response_format.json_schema.schema", $"response_format.json_schema.schema must be a JSON object, was {schema.Schema.ValueKind}");
        }

        if (request.ThinkingBudget is { } budget && budget is < 100 or > 16384)
        {
            throw Fail("thinking_budget", $"thinking_budget must be in [100, 16384], was {budget}");
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

        if (request.ToolChoice is { } choice && !ToolChoices.Contains(choice, StringComparer.Ordinal) && !request.Tools.Any(t => t?.Function.Name == choice))
        {
            throw Fail("tool_choice", $"tool_choice must be auto, none, required or the name of one of the tools, was '{choice}'");
        }

        AdditionalFields.Validate(request.ExtraFields, ChatJsonContext.Default.ChatCompletionRequestBody);
    }

    private static void ValidateParts(int i, ChatMessage message, IReadOnlyList<ChatContentPart> parts)
    {
        if (message.Role != ChatRole.User)
        {
            throw Fail($"messages[{i}].content", $"messages[{i}].content may be parts (text and images) only on a user message, was on {Name(message.Role)}");
        }

        if (parts.Count == 0)
        {
            throw Fail($"messages[{i}].content", $"messages[{i}].content must have at least one part");
        }

        for (var p = 0; p < parts.Count; p++)
        {
            var part = parts[p] ?? throw Fail($"messages[{i}].content[{p}]", $"messages[{i}].content[{p}] must not be null");
            if (part.Type == "image_url" ? string.IsNullOrWhiteSpace(part.ImageUrl) : string.IsNullOrWhiteSpace(part.Text))
            {
                throw Fail($"messages[{i}].content[{p}]", $"messages[{i}].content[{p}] must not be empty");
            }
        }
    }
}
