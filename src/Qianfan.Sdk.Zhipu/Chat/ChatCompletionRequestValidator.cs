using System.Text.Json;
using System.Text.RegularExpressions;
using Qianfan.Sdk.Zhipu.Errors;
using Qianfan.Sdk.Zhipu.Protocol;
using static Qianfan.Sdk.Zhipu.Protocol.ParameterRules;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>
/// Zhipu's documented rules for a chat body (the API reference's <c>ChatCompletionTextRequest</c>), checked before
/// sending. These are the rules behind the service's commonest refusals — 1210 for <c>temperature</c> and <c>top_p</c>
/// out of range or too precise, 1214 for an assistant turn with neither content nor tool calls — so they fail here,
/// naming the field, instead of there. Nothing is adjusted to fit.
/// </summary>
internal static partial class ChatCompletionRequestValidator
{
    public const int MaxTools = 128;

    private static readonly Version Thinking = new(4, 5);
    private static readonly Version ToolStreaming = new(4, 6);

    /// <exception cref="ZhipuValidationException">A rule is broken.</exception>
    public static void Validate(ChatCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateMessages(request.Messages);
        CheckTwoDecimals("temperature", request.Temperature, 0, 1);
        CheckTwoDecimals("top_p", request.TopP, 0.01f, 1);
        if (request.MaxTokens is { } max && (max < 1 || max > GlmModel.MaxTokensOf(request.Model)))
        {
            throw Fail("max_tokens", $"max_tokens must be in [1, {GlmModel.MaxTokensOf(request.Model)}] for {request.Model}, was {max}");
        }

        if (request.Stop.Count > 1)
        {
            throw Fail("stop", $"stop takes one stop word, had {request.Stop.Count}");
        }

        if (request.Stop.Count == 1 && string.IsNullOrEmpty(request.Stop[0]))
        {
            throw Fail("stop[0]", "stop[0] must not be empty");
        }

        ValidateTools(request.Tools);
        if (request.ToolChoice is { } choice && choice != "auto")
        {
            throw Fail("tool_choice", $"tool_choice must be auto, the only value the service takes, was '{choice}'");
        }

        if (request.ToolStream == true && GlmModel.IsOlderThan(request.Model, ToolStreaming))
        {
            throw Fail("tool_stream", $"tool_stream is taken by GLM-4.6 and later (glm-4.6, glm-4.7, glm-5 …), was {request.Model}");
        }

        if (request.Thinking is { } thinking)
        {
            if (thinking.Type is not ("enabled" or "disabled"))
            {
                throw Fail("thinking.type", $"thinking.type must be enabled or disabled, was '{thinking.Type}'");
            }

            if (GlmModel.IsOlderThan(request.Model, Thinking))
            {
                throw Fail("thinking", $"thinking is taken by GLM-4.5 and later (glm-4.5, glm-4.6, glm-5 …), was {request.Model}");
            }
        }

        if (request.ResponseFormat is { } format && format.Type is not ("text" or "json_object"))
        {
            throw Fail("response_format.type", $"response_format.type must be text or json_object, was '{format.Type}'");
        }

        if (request.RequestId is { } requestId && string.IsNullOrWhiteSpace(requestId))
        {
            throw Fail("request_id", "request_id must not be empty when set");
        }

        CheckLength("user_id", request.UserId, 6, 128);
        AdditionalFields.Validate(request.ExtraFields, ChatJsonContext.Default.ChatCompletionRequestBody);
    }

    private static void ValidateMessages(IList<ChatMessage> messages)
    {
        if (messages.Count == 0)
        {
            throw Fail("messages", "messages must have at least one message");
        }

        var hasUser = false;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i] ?? throw Fail($"messages[{i}]", $"messages[{i}] must not be null");
            var hasToolCalls = message.ToolCalls is { Count: > 0 };
            if (!Enum.IsDefined(message.Role))
            {
                throw Fail($"messages[{i}].role", $"messages[{i}].role must be system, user, assistant or tool, was {message.Role}");
            }

            if (hasToolCalls && message.Role != ChatRole.Assistant)
            {
                throw Fail($"messages[{i}].tool_calls", $"messages[{i}].tool_calls may only be on an assistant message, was on {Name(message.Role)}");
            }

            if (message.Parts is { } parts)
            {
                ValidateParts(i, message, parts);
            }
            else if (message.Role == ChatRole.Assistant)
            {
                if (string.IsNullOrWhiteSpace(message.Content) && !hasToolCalls)
                {
                    throw Fail($"messages[{i}].content", $"messages[{i}].content and messages[{i}].tool_calls must not both be empty on an assistant message");
                }
            }
            else if (string.IsNullOrWhiteSpace(message.Content))
            {
                throw Fail($"messages[{i}].content", $"messages[{i}].content must not be empty");
            }

            if (message.Role == ChatRole.Tool && string.IsNullOrWhiteSpace(message.ToolCallId))
            {
                throw Fail($"messages[{i}].tool_call_id", $"messages[{i}].tool_call_id must be set on a tool message: the id of the call it answers");
            }

            hasUser |= message.Role == ChatRole.User;
        }

        if (!hasUser)
        {
            throw Fail("messages", "messages must contain a user message, not only system and assistant messages");
        }
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
            if (part.Type == "image_url")
            {
                if (string.IsNullOrWhiteSpace(part.ImageUrl))
                {
                    throw Fail($"messages[{i}].content[{p}].image_url.url", $"messages[{i}].content[{p}].image_url.url must not be empty");
                }

                if (part.ImageUrl.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
                {
                    throw Fail($"messages[{i}].content[{p}].image_url.url", $"messages[{i}].content[{p}].image_url.url must be an http(s) URL or bare base64, not a data: URL (ChatContentPart.FromImageData sends the bytes as the service takes them)");
                }
            }
            else if (string.IsNullOrWhiteSpace(part.Text))
            {
                throw Fail($"messages[{i}].content[{p}].text", $"messages[{i}].content[{p}].text must not be empty");
            }
        }
    }

    private static void ValidateTools(IList<ChatTool> tools)
    {
        if (tools.Count > MaxTools)
        {
            throw Fail("tools", $"tools must have at most {MaxTools} entries, had {tools.Count}");
        }

        for (var i = 0; i < tools.Count; i++)
        {
            var tool = tools[i] ?? throw Fail($"tools[{i}]", $"tools[{i}] must not be null");
            switch (tool.Type)
            {
                case "function":
                    ValidateFunction(i, tool.Function);
                    break;
                case "web_search":
                    if (tool.WebSearch is null)
                    {
                        throw Fail($"tools[{i}].web_search", $"tools[{i}].web_search must be set on a web_search tool");
                    }

                    break;
                case "retrieval":
                    if (string.IsNullOrWhiteSpace(tool.Retrieval?.KnowledgeId))
                    {
                        throw Fail($"tools[{i}].retrieval.knowledge_id", $"tools[{i}].retrieval.knowledge_id must be set on a retrieval tool");
                    }

                    break;
                default:
                    throw Fail($"tools[{i}].type", $"tools[{i}].type must be function, web_search or retrieval, was '{tool.Type}'");
            }
        }
    }

    private static void ValidateFunction(int i, ChatFunction? function)
    {
        if (function is null)
        {
            throw Fail($"tools[{i}].function", $"tools[{i}].function must be set on a function tool");
        }

        if (string.IsNullOrEmpty(function.Name) || function.Name.Length > 64 || !FunctionName().IsMatch(function.Name))
        {
            throw Fail($"tools[{i}].function.name", $"tools[{i}].function.name must be 1 to 64 letters, digits, '_' or '-', was '{function.Name}'");
        }

        if (string.IsNullOrWhiteSpace(function.Description))
        {
            throw Fail($"tools[{i}].function.description", $"tools[{i}].function.description must not be empty: the service requires it, and the model chooses by it");
        }

        if (function.Parameters is not { ValueKind: JsonValueKind.Object })
        {
            throw Fail($"tools[{i}].function.parameters", $"tools[{i}].function.parameters must be a JSON Schema object, was {(function.Parameters is { } p ? p.ValueKind.ToString() : "not set")}");
        }
    }

    private static string Name(ChatRole role) => role.ToString().ToLowerInvariant();

    [GeneratedRegex("^[a-zA-Z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex FunctionName();
}
