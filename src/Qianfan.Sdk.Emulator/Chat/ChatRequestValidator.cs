using System.Globalization;
using System.Text.Json;
using Qianfan.Sdk.Emulator.Tools;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Emulator.Chat;

/// <summary>
/// Checks a chat body the way the service does (seed documents 000 and 002) against the endpoint's
/// <see cref="ModelSpec"/>, and names the broken rule in the service's terse style for error 336003.
/// </summary>
internal static class ChatRequestValidator
{
    private const string Messages = "messages";

    /// <summary>Validates <paramref name="root"/> (a JSON object).</summary>
    /// <returns>The request, or null with <paramref name="error"/> set to the broken rule.</returns>
    public static ChatRequest? Validate(JsonElement root, ModelSpec spec, out string? error)
    {
        List<ToolDefinition> functions = [];
        string? chosen = null;
        error = ValidateMessages(root, spec, out var messages, out var system, out var functionResultOf)
            ?? ValidateParameters(root, spec)
            ?? ValidateFunctions(root, out functions, out chosen);
        if (error is not null)
        {
            return null;
        }

        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != Messages)
            {
                parameters[property.Name] = property.Value.Clone();
            }
        }

        var isStream = root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
        var promptTokens = PromptTokens(messages, system);
        return new ChatRequest(messages, system, isStream, parameters, promptTokens)
        {
            Functions = functions,
            ChosenFunction = chosen,
            FunctionResultOf = functionResultOf,
        };
    }

    /// <summary>
    /// The turns: user, assistant, … ending with user; with function calling an assistant turn may carry a
    /// <c>function_call</c> (its content may then be empty), and the turn after it is the function's result (role
    /// <c>function</c>, with the function's <c>name</c>) in place of the user's.
    /// </summary>
    private static string? ValidateMessages(JsonElement root, ModelSpec spec, out List<ChatReplyMessage> messages, out string? system, out string? functionResultOf)
    {
        messages = [];
        system = null;
        functionResultOf = null;
        if (!root.TryGetProperty(Messages, out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            return "the messages must not be empty";
        }

        if (array.GetArrayLength() % 2 == 0)
        {
            return "the length of messages must be an odd number";
        }

        var index = 0;
        string? calledFunction = null;
        foreach (var item in array.EnumerateArray())
        {
            var role = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String
                ? r.GetString()
                : null;
            var content = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var expected = index % 2 == 0 ? (calledFunction is not null ? "function" : "user") : "assistant";
            if (role != expected && !(index % 2 == 0 && role == "user"))
            {
                return index % 2 == 0
                    ? role == "function"
                        ? "the message of role function must follow an assistant message with a function_call"
                        : "the role of message with even index in the messages must be user"
                    : "the role of message with odd index in the messages must be assistant";
            }

            string? calls = null;
            if (role == "assistant" && item.TryGetProperty("function_call", out var call) && call.ValueKind != JsonValueKind.Null)
            {
                if (call.ValueKind != JsonValueKind.Object || !call.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 } callName)
                {
                    return "the function_call of message must have a name";
                }

                calls = callName;
            }

            if (role == "function")
            {
                if (!item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(name.GetString()))
                {
                    return "the message of role function must have a name";
                }

                functionResultOf = name.GetString();
            }
            else if (role == "user")
            {
                functionResultOf = null;
            }

            if (string.IsNullOrEmpty(content) && calls is null)
            {
                return "the content of message must not be empty";
            }

            messages.Add(new ChatReplyMessage(role!, content ?? string.Empty));
            calledFunction = role == "assistant" ? calls : null;
            index++;
        }

        if (root.TryGetProperty("system", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            if (s.ValueKind != JsonValueKind.String)
            {
                return "system must be a string";
            }

            system = s.GetString();
        }

        var characters = messages.Sum(m => TokenEstimator.CountCharacters(m.Content)) + TokenEstimator.CountCharacters(system ?? string.Empty);
        if (spec.MaxInputCharacters is { } maxCharacters && characters > maxCharacters)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the total length of messages content and system must not exceed {maxCharacters} characters");
        }

        if (spec.MaxInputTokens is { } maxTokens && PromptTokens(messages, system) > maxTokens)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the prompt tokens of messages content and system must not exceed {maxTokens}");
        }

        return null;
    }

    /// <summary>The body keys' rules (ranges, types, stop), shared with V1 completions; a key the model does not accept is named.</summary>
    internal static string? ValidateParameters(JsonElement root, ModelSpec spec)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != Messages && !spec.Supports(property.Name))
            {
                return $"the parameter {property.Name} is not supported by model {spec.Name}";
            }
        }

        return Check(root, "stream", v => v.ValueKind is JsonValueKind.True or JsonValueKind.False, "stream must be a boolean")
            ?? Check(root, "temperature", v => Number(v) is > 0 and <= 1, "temperature must be in range (0, 1.0]")
            ?? Check(root, "top_p", v => Number(v) is >= 0 and <= 1, "top_p must be in range [0, 1.0]")
            ?? Check(root, "top_k", v => Integer(v) is >= 1, "top_k must be a positive integer")
            ?? Check(root, "penalty_score", v => Number(v) is >= 1 and <= 2, "penalty_score must be in range [1.0, 2.0]")
            ?? Check(root, "max_output_tokens", v => Integer(v) is >= 2 and <= 2048, "max_output_tokens must be an integer in range [2, 2048]")
            ?? Check(root, "frequency_penalty", v => Number(v) is >= -2 and <= 2, "frequency_penalty must be in range [-2.0, 2.0]")
            ?? Check(root, "presence_penalty", v => Number(v) is >= -2 and <= 2, "presence_penalty must be in range [-2.0, 2.0]")
            ?? Check(root, "user_id", v => v.ValueKind == JsonValueKind.String, "user_id must be a string")
            ?? Check(root, "response_format", v => v.ValueKind == JsonValueKind.String && v.GetString() is "text" or "json_object", "response_format must be text or json_object")
            ?? ValidateStop(root);
    }

    /// <summary>
    /// <c>functions</c>: objects with a <c>name</c> (and a <c>description</c> string and a <c>parameters</c> object when
    /// given); <c>tool_choice</c>: <c>{"type":"function","function":{"name"}}</c> naming one of them.
    /// </summary>
    private static string? ValidateFunctions(JsonElement root, out List<ToolDefinition> functions, out string? chosen)
    {
        functions = [];
        chosen = null;
        if (root.TryGetProperty("functions", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                return "functions must be a list";
            }

            foreach (var function in list.EnumerateArray())
            {
                if (function.ValueKind != JsonValueKind.Object || !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 } functionName)
                {
                    return "the name of function must not be empty";
                }

                var description = function.TryGetProperty("description", out var d) ? d : default;
                var parameters = function.TryGetProperty("parameters", out var p) ? p : default;
                if (description.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.String)
                    || parameters.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
                {
                    return $"the description of function {functionName} must be a string and its parameters an object";
                }

                functions.Add(new ToolDefinition(functionName, description.ValueKind == JsonValueKind.String ? description.GetString() : null, parameters.ValueKind == JsonValueKind.Object ? parameters.Clone() : null));
            }
        }

        if (!root.TryGetProperty("tool_choice", out var choice) || choice.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (choice.ValueKind != JsonValueKind.Object
            || !choice.TryGetProperty("function", out var named) || named.ValueKind != JsonValueKind.Object
            || !named.TryGetProperty("name", out var chosenName) || chosenName.ValueKind != JsonValueKind.String)
        {
            return "tool_choice must be {\"type\":\"function\",\"function\":{\"name\":…}}";
        }

        chosen = chosenName.GetString();
        var known = chosen;
        return functions.Any(f => f.Name == known) ? null : "the function tool_choice names is not in functions";
    }

    private static string? ValidateStop(JsonElement root)
    {
        if (!root.TryGetProperty("stop", out var stop) || stop.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (stop.ValueKind != JsonValueKind.Array || stop.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return "stop must be a list of strings";
        }

        if (stop.GetArrayLength() > 4)
        {
            return "stop must have at most 4 elements";
        }

        return stop.EnumerateArray().Any(e => TokenEstimator.CountCharacters(e.GetString()!) > 20)
            ? "each element of stop must not exceed 20 characters"
            : null;
    }

    private static string? Check(JsonElement root, string name, Func<JsonElement, bool> isValid, string rule) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null && !isValid(value) ? rule : null;

    private static double? Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) ? number : null;

    private static long? Integer(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static int PromptTokens(IEnumerable<ChatReplyMessage> messages, string? system) =>
        TokenEstimator.Count(messages.Select(m => m.Content)) + TokenEstimator.Count(system ?? string.Empty);
}
