using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Tools;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// Checks a V2 chat body the way the V2 API does and names the broken rule with the field's path, in the error the V2
/// table gives for it: <c>invalid_model</c>, <c>invalid_messages</c>, <c>invalid_argument</c>,
/// <c>characters_too_long</c> or <c>tokens_too_long</c>.
/// </summary>
/// <remarks>
/// The parameter ranges are the ERNIE models' (the V1 rules carried over): <c>temperature</c> (0, 1],
/// <c>top_p</c> [0, 1], <c>penalty_score</c> [1, 2], <c>frequency_penalty</c> and <c>presence_penalty</c> [-2, 2],
/// <c>stop</c> at most 4 strings of at most 20 characters, and <c>max_completion_tokens</c> an integer in [2, 2048]
/// (the range of V1's <c>max_output_tokens</c> for the 8K models, the tightest the catalog has). Keys the emulator
/// does not know are ignored, as an OpenAI-compatible API does.
/// </remarks>
internal static class V2ChatRequestValidator
{
    private const string MessagesKey = "messages";
    private const int MaxStopEntries = 4;
    private const int MaxStopCharacters = 20;

    private static readonly SearchValues<char> FunctionNameCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");

    /// <summary>Validates <paramref name="root"/> (a JSON object).</summary>
    /// <returns>The request, or null with <paramref name="error"/> set.</returns>
    public static V2ChatRequest? Validate(JsonElement root, Func<string, ModelSpec?> findModel, out V2Error? error)
    {
        if (!root.TryGetProperty("model", out var modelElement)
            || modelElement.ValueKind != JsonValueKind.String
            || modelElement.GetString() is not { Length: > 0 } model)
        {
            error = V2Error.ModelEmpty();
            return null;
        }

        if (findModel(model) is not { } spec)
        {
            error = V2Error.UnknownModel();
            return null;
        }

        var messagesError = ValidateMessages(root, out var messages);
        if (messagesError is not null)
        {
            error = V2Error.InvalidMessages(messagesError);
            return null;
        }

        var described = V2State.Describe(model);
        var argumentError = ValidateParameters(root);
        List<ToolDefinition> tools = [];
        var toolChoice = V2ToolChoice.Auto;
        string? chosenTool = null;
        argumentError ??= ValidateTools(root, out tools, out toolChoice, out chosenTool);
        var imagesAt = messages.FindIndex(m => m.Images > 0);
        argumentError ??= imagesAt >= 0 && described is not { IsVision: true }
            ? string.Create(CultureInfo.InvariantCulture, $"messages[{imagesAt}].content has images, which model {model} does not take; use a vision model such as ernie-4.5-turbo-vl")
            : null;
        if (argumentError is not null)
        {
            error = V2Error.InvalidArgument(argumentError);
            return null;
        }

        var characters = messages.Sum(m => TokenEstimator.CountCharacters(m.Content));
        if (spec.MaxInputCharacters is { } maxCharacters && characters > maxCharacters)
        {
            error = V2Error.CharactersTooLong(maxCharacters);
            return null;
        }

        var promptTokens = TokenEstimator.Count(messages.Select(m => m.Content));
        if (spec.MaxInputTokens is { } maxTokens && promptTokens > maxTokens)
        {
            error = V2Error.TokensTooLong();
            return null;
        }

        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != MessagesKey)
            {
                parameters[property.Name] = property.Value.Clone();
            }
        }

        var isStream = root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
        var includeUsage = root.TryGetProperty("stream_options", out var options)
            && options.ValueKind == JsonValueKind.Object
            && options.TryGetProperty("include_usage", out var includeUsageElement)
            && includeUsageElement.ValueKind == JsonValueKind.True;

        var webSearch = root.TryGetProperty("web_search", out var search) && search.ValueKind == JsonValueKind.Object
            && search.TryGetProperty("enable", out var enable) && enable.ValueKind == JsonValueKind.True;
        error = null;
        return new V2ChatRequest(model, spec, messages, isStream, includeUsage, tools, toolChoice, chosenTool, parameters, promptTokens)
        {
            Thinks = described is { IsReasoning: true } && !(root.TryGetProperty("enable_thinking", out var thinking) && thinking.ValueKind == JsonValueKind.False),
            SearchesTheWeb = webSearch,
            Cites = webSearch && !(search.TryGetProperty("enable_citation", out var citation) && citation.ValueKind == JsonValueKind.False),
            ParallelToolCalls = !(root.TryGetProperty("parallel_tool_calls", out var parallel) && parallel.ValueKind == JsonValueKind.False),
        };
    }

    private static string? ValidateMessages(JsonElement root, out List<V2ChatMessage> messages)
    {
        messages = [];
        if (!root.TryGetProperty(MessagesKey, out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            return "messages must be a non-empty array";
        }

        var toolCallIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"messages[{index}]");
            if (item.ValueKind != JsonValueKind.Object)
            {
                return $"{at} must be an object";
            }

            var role = item.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            var content = item.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : null;
            var hasContent = item.TryGetProperty("content", out c) && c.ValueKind != JsonValueKind.Null;
            string? error;
            V2ChatMessage? message;
            switch (role)
            {
                case "system" when index > 0:
                    return $"{at}: a system message must be the first message";
                case "system":
                    message = Text(at, role, content, out error);
                    break;
                case "user" when c.ValueKind == JsonValueKind.Array:
                    message = Parts(at, c, out error);
                    break;
                case "user":
                    message = Text(at, role, content, out error);
                    break;
                case "assistant":
                    message = Assistant(item, at, content, hasContent, toolCallIds, out error);
                    break;
                case "tool":
                    message = Tool(item, at, content, toolCallIds, out error);
                    break;
                default:
                    return $"{at}.role must be one of system, user, assistant, tool";
            }

            if (error is not null)
            {
                return error;
            }

            messages.Add(message!);
            index++;
        }

        return messages[^1].Role is "user" or "tool" ? null : "the last message must be from the user or a tool";
    }

    private static V2ChatMessage? Text(string at, string role, string? content, out string? error)
    {
        error = string.IsNullOrEmpty(content) ? $"{at}.content must be a non-empty string" : null;
        return error is null ? new V2ChatMessage(role, content!, null, []) : null;
    }

    /// <summary>A user message in parts: <c>[{"type":"text","text"},{"type":"image_url","image_url":{"url"}}]</c>, the URL http(s) or a <c>data:image/…;base64,</c> one.</summary>
    private static V2ChatMessage? Parts(string at, JsonElement parts, out string? error)
    {
        var text = new System.Text.StringBuilder();
        var images = 0;
        var p = 0;
        foreach (var part in parts.EnumerateArray())
        {
            var partAt = string.Create(CultureInfo.InvariantCulture, $"{at}.content[{p++}]");
            var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            switch (type)
            {
                case "text" when part.TryGetProperty("text", out var partText) && partText.ValueKind == JsonValueKind.String && partText.GetString() is { Length: > 0 } value:
                    text.Append(value);
                    break;
                case "text":
                    error = $"{partAt}.text must be a non-empty string";
                    return null;
                case "image_url" when part.TryGetProperty("image_url", out var image) && image.ValueKind == JsonValueKind.Object
                    && image.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String && IsImageUrl(url.GetString()!):
                    images++;
                    break;
                case "image_url":
                    error = $"{partAt}.image_url.url must be an http(s) URL or a data:image/…;base64, URL";
                    return null;
                default:
                    error = $"{partAt}.type must be text or image_url";
                    return null;
            }
        }

        if (p == 0)
        {
            error = $"{at}.content must not be an empty array";
            return null;
        }

        error = null;
        return new V2ChatMessage("user", text.ToString(), null, []) { Images = images };
    }

    private static bool IsImageUrl(string url) =>
        (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        || (url.StartsWith("data:image/", StringComparison.Ordinal) && url.Contains(";base64,", StringComparison.Ordinal));

    private static V2ChatMessage? Assistant(
        JsonElement item, string at, string? content, bool hasContent, Dictionary<string, string> toolCallIds, out string? error)
    {
        var calls = new List<(string Id, string Name)>();
        if (item.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind != JsonValueKind.Null)
        {
            if (toolCalls.ValueKind != JsonValueKind.Array || toolCalls.GetArrayLength() == 0)
            {
                error = $"{at}.tool_calls must be a non-empty array";
                return null;
            }

            var i = 0;
            foreach (var call in toolCalls.EnumerateArray())
            {
                var callAt = string.Create(CultureInfo.InvariantCulture, $"{at}.tool_calls[{i}]");
                error = ToolCall(call, callAt, out var id, out var name);
                if (error is not null)
                {
                    return null;
                }

                calls.Add((id!, name!));
                toolCallIds[id!] = name!;
                i++;
            }
        }

        if (calls.Count == 0 && string.IsNullOrEmpty(content))
        {
            error = $"{at}.content must be a non-empty string";
            return null;
        }

        if (hasContent && content is null)
        {
            error = $"{at}.content must be a string";
            return null;
        }

        error = null;
        return new V2ChatMessage("assistant", content ?? string.Empty, null, calls);
    }

    private static string? ToolCall(JsonElement call, string at, out string? id, out string? name)
    {
        id = null;
        name = null;
        if (call.ValueKind != JsonValueKind.Object)
        {
            return $"{at} must be an object";
        }

        id = call.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        if (string.IsNullOrEmpty(id))
        {
            return $"{at}.id must be a non-empty string";
        }

        if (!call.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "function")
        {
            return $"{at}.type must be function";
        }

        if (!call.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
        {
            return $"{at}.function must be an object";
        }

        name = function.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        if (string.IsNullOrEmpty(name))
        {
            return $"{at}.function.name must be a non-empty string";
        }

        return function.TryGetProperty("arguments", out var arguments) && arguments.ValueKind != JsonValueKind.String && arguments.ValueKind != JsonValueKind.Null
            ? $"{at}.function.arguments must be a string"
            : null;
    }

    private static V2ChatMessage? Tool(JsonElement item, string at, string? content, Dictionary<string, string> toolCallIds, out string? error)
    {
        var callId = item.TryGetProperty("tool_call_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        if (string.IsNullOrEmpty(callId))
        {
            error = $"{at}.tool_call_id is required for a tool message";
            return null;
        }

        if (!toolCallIds.ContainsKey(callId))
        {
            error = $"{at}.tool_call_id '{callId}' does not answer any tool call of an earlier assistant message";
            return null;
        }

        if (content is null)
        {
            error = $"{at}.content must be a string";
            return null;
        }

        error = null;
        return new V2ChatMessage("tool", content, callId, []);
    }

    private static string? ValidateParameters(JsonElement root) =>
        Check(root, "stream", v => v.ValueKind is JsonValueKind.True or JsonValueKind.False, "stream must be a boolean")
        ?? ValidateStreamOptions(root)
        ?? Check(root, "temperature", v => Number(v) is > 0 and <= 1, "temperature must be in range (0, 1.0]")
        ?? Check(root, "top_p", v => Number(v) is >= 0 and <= 1, "top_p must be in range [0, 1.0]")
        ?? Check(root, "penalty_score", v => Number(v) is >= 1 and <= 2, "penalty_score must be in range [1.0, 2.0]")
        ?? Check(root, "max_completion_tokens", v => Integer(v) is >= 2 and <= 2048, "max_completion_tokens must be an integer in range [2, 2048]")
        ?? Check(root, "frequency_penalty", v => Number(v) is >= -2 and <= 2, "frequency_penalty must be in range [-2.0, 2.0]")
        ?? Check(root, "presence_penalty", v => Number(v) is >= -2 and <= 2, "presence_penalty must be in range [-2.0, 2.0]")
        ?? Check(root, "user", v => v.ValueKind == JsonValueKind.String, "user must be a string")
        ?? Check(root, "enable_thinking", v => v.ValueKind is JsonValueKind.True or JsonValueKind.False, "enable_thinking must be a boolean")
        ?? Check(root, "thinking_budget", v => Integer(v) is >= 100 and <= 16384, "thinking_budget must be an integer in range [100, 16384]")
        ?? Check(root, "parallel_tool_calls", v => v.ValueKind is JsonValueKind.True or JsonValueKind.False, "parallel_tool_calls must be a boolean")
        ?? ValidateWebSearch(root)
        ?? ValidateResponseFormat(root)
        ?? ValidateStop(root);

    private static string? ValidateWebSearch(JsonElement root)
    {
        if (!root.TryGetProperty("web_search", out var search) || search.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (search.ValueKind != JsonValueKind.Object)
        {
            return "web_search must be an object";
        }

        return Check(search, "enable", v => v.ValueKind is JsonValueKind.True or JsonValueKind.False, "web_search.enable must be a boolean")
            ?? Check(search, "enable_citation", v => v.ValueKind is JsonValueKind.True or JsonValueKind.False, "web_search.enable_citation must be a boolean")
            ?? Check(search, "enable_trace", v => v.ValueKind is JsonValueKind.True or JsonValueKind.False, "web_search.enable_trace must be a boolean");
    }

    private static string? ValidateResponseFormat(JsonElement root)
    {
        if (!root.TryGetProperty("response_format", out var format) || format.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var type = format.ValueKind == JsonValueKind.Object && format.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return type switch
        {
            "text" or "json_object" => null,
            "json_schema" when format.TryGetProperty("json_schema", out var schema) && schema.ValueKind == JsonValueKind.Object
                && schema.TryGetProperty("schema", out var body) && body.ValueKind == JsonValueKind.Object => null,
            "json_schema" => "response_format.json_schema.schema must be a JSON object",
            _ => "response_format.type must be text, json_object or json_schema",
        };
    }

    private static string? ValidateStreamOptions(JsonElement root)
    {
        if (!root.TryGetProperty("stream_options", out var options) || options.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (options.ValueKind != JsonValueKind.Object)
        {
            return "stream_options must be an object";
        }

        return Check(options, "include_usage", v => v.ValueKind is JsonValueKind.True or JsonValueKind.False, "stream_options.include_usage must be a boolean");
    }

    private static string? ValidateStop(JsonElement root)
    {
        if (!root.TryGetProperty("stop", out var stop) || stop.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        string[] entries;
        if (stop.ValueKind == JsonValueKind.String)
        {
            entries = [stop.GetString()!];
        }
        else if (stop.ValueKind == JsonValueKind.Array && stop.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
        {
            entries = [.. stop.EnumerateArray().Select(e => e.GetString()!)];
        }
        else
        {
            return "stop must be a string or a list of strings";
        }

        if (entries.Length > MaxStopEntries)
        {
            return "stop must have at most 4 elements";
        }

        return entries.Any(e => TokenEstimator.CountCharacters(e) > MaxStopCharacters) ? "each element of stop must not exceed 20 characters" : null;
    }

    private static string? ValidateTools(JsonElement root, out List<ToolDefinition> tools, out V2ToolChoice toolChoice, out string? chosenTool)
    {
        tools = [];
        var toolNames = new List<string>();
        toolChoice = V2ToolChoice.Auto;
        chosenTool = null;
        if (root.TryGetProperty("tools", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                return "tools must be an array";
            }

            var i = 0;
            foreach (var tool in list.EnumerateArray())
            {
                var error = Tool(tool, string.Create(CultureInfo.InvariantCulture, $"tools[{i}]"), out var name);
                if (error is not null)
                {
                    return error;
                }

                if (toolNames.Contains(name!))
                {
                    return string.Create(CultureInfo.InvariantCulture, $"tools[{i}].function.name '{name}' is not unique");
                }

                toolNames.Add(name!);
                var definition = tool.GetProperty("function");
                tools.Add(new ToolDefinition(
                    name!,
                    definition.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String ? description.GetString() : null,
                    definition.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object ? parameters.Clone() : null));
                i++;
            }
        }

        if (!root.TryGetProperty("tool_choice", out var choice) || choice.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        const string ChoiceRule = "tool_choice must be none, auto, required or {\"type\":\"function\",\"function\":{\"name\":…}}";
        if (choice.ValueKind == JsonValueKind.String)
        {
            switch (choice.GetString())
            {
                case "none":
                    toolChoice = V2ToolChoice.None;
                    return null;
                case "auto":
                    return null;
                case "required":
                    toolChoice = V2ToolChoice.Required;
                    return toolNames.Count == 0 ? "tool_choice required needs tools" : null;
                default:
                    return ChoiceRule;
            }
        }

        if (choice.ValueKind != JsonValueKind.Object
            || !choice.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "function"
            || !choice.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object
            || !function.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            return ChoiceRule;
        }

        chosenTool = nameElement.GetString();
        toolChoice = V2ToolChoice.Named;
        return toolNames.Contains(chosenTool!) ? null : "tool_choice.function.name must name one of the tools";
    }

    private static string? Tool(JsonElement tool, string at, out string? name)
    {
        name = null;
        if (tool.ValueKind != JsonValueKind.Object)
        {
            return $"{at} must be an object";
        }

        if (!tool.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "function")
        {
            return $"{at}.type must be function";
        }

        if (!tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
        {
            return $"{at}.function must be an object";
        }

        name = function.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        if (name is not { Length: >= 1 and <= 64 } || name.AsSpan().ContainsAnyExcept(FunctionNameCharacters))
        {
            return $"{at}.function.name must be 1 to 64 letters, digits, underscores or dashes";
        }

        return Check(function, "description", v => v.ValueKind == JsonValueKind.String, $"{at}.function.description must be a string")
            ?? Check(function, "parameters", v => v.ValueKind == JsonValueKind.Object, $"{at}.function.parameters must be a JSON object");
    }

    private static string? Check(JsonElement root, string name, Func<JsonElement, bool> isValid, string rule) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null && !isValid(value) ? rule : null;

    private static double? Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) ? number : null;

    private static long? Integer(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
}
