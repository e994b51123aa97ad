using System.Text.Json;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Tools;

namespace Qianfan.Sdk.Emulator.DashScope;

/// <summary>
/// Reads and checks a text-generation body as the service does: <c>{model, input:{messages|prompt}, parameters}</c>, the
/// model a Qwen one (names starting <c>qwen</c> or <c>qwq</c>), the messages' roles and contents, and the documented
/// ranges. A breach is 400 <c>InvalidParameter</c> (or the service's other codes) with its message.
/// </summary>
/// <remarks>
/// The reply format defaults as the service's does: <c>message</c> for <c>qwen3-max</c>, <c>qwen3-*</c>, <c>qwq</c>,
/// <c>qvq</c> and <c>qwen-long</c> models, <c>text</c> for the others.
/// </remarks>
internal static class GenerationRequestReader
{
    private static readonly string[] Roles = ["system", "user", "assistant", "tool"];

    public static GenerationCall? Read(ReadOnlyMemory<byte> body, bool isStream, out DashScopeError? error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            error = DashScopeError.InvalidParameter("The request body is not valid JSON.");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = DashScopeError.InvalidParameter("The request body is not valid JSON.");
                return null;
            }

            return Read(root, isStream, out error);
        }
    }

    private static GenerationCall? Read(JsonElement root, bool isStream, out DashScopeError? error)
    {
        error = null;
        if (!root.TryGetProperty("model", out var modelElement) || modelElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(modelElement.GetString()))
        {
            error = DashScopeError.Of("BadRequest.EmptyModel", "Required parameter(model) missing or invalid, please check the request parameters.");
            return null;
        }

        var model = modelElement.GetString()!;
        if (!IsQwen(model))
        {
            error = DashScopeError.InvalidParameter("Model not exist.");
            return null;
        }

        if (!root.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
        {
            error = DashScopeError.Of("BadRequest.EmptyInput", "Required input parameter missing from request.");
            return null;
        }

        var parameters = root.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.Clone(), StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(StringComparer.Ordinal);

        var messages = ReadMessages(input, out error);
        if (messages is null)
        {
            return null;
        }

        error = CheckParameters(parameters, model, messages, out var format, out var incremental, out var thinks);
        if (error is not null)
        {
            return null;
        }

        var tools = ReadTools(parameters, out error);
        if (tools is null)
        {
            return null;
        }

        if (tools.Count > 0 && format != "message")
        {
            error = DashScopeError.InvalidParameter("The tool call is supported only when result_format is message.");
            return null;
        }

        var choice = ToolChoice(parameters, tools, out error);
        if (error is not null)
        {
            return null;
        }

        var parallel = parameters.TryGetValue("parallel_tool_calls", out var pc) && pc.ValueKind == JsonValueKind.True;
        var inputTokens = TokenEstimator.Count(messages.Select(m => m.Content));
        return new GenerationCall(model, messages, format == "message", isStream, isStream && incremental, thinks, tools, choice, parallel, inputTokens, parameters);
    }

    private static bool IsQwen(string model) =>
        model.StartsWith("qwen", StringComparison.Ordinal) || model.StartsWith("qwq", StringComparison.Ordinal) || model.StartsWith("qvq", StringComparison.Ordinal);

    private static List<GenerationTurn>? ReadMessages(JsonElement input, out DashScopeError? error)
    {
        error = null;
        var turns = new List<GenerationTurn>();
        var hasMessages = input.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array;
        var prompt = input.TryGetProperty("prompt", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        if (!hasMessages && prompt is null)
        {
            error = DashScopeError.InvalidParameter("Either \"prompt\" or \"messages\" must exist and cannot both be none");
            return null;
        }

        if (hasMessages)
        {
            if (messages.GetArrayLength() == 0)
            {
                error = DashScopeError.InvalidParameter("Role must be user or assistant and Content length must be greater than 0");
                return null;
            }

            foreach (var message in messages.EnumerateArray())
            {
                var role = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                var content = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() ?? "" : "";
                var calls = new List<(string, string)>();
                if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("tool_calls", out var tc) && tc.ValueKind == JsonValueKind.Array)
                {
                    foreach (var call in tc.EnumerateArray())
                    {
                        var id = call.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() ?? "" : "";
                        var name = call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object && f.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() ?? "" : "";
                        calls.Add((id, name));
                    }
                }

                var toolCallId = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("tool_call_id", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (role is null || !Roles.Contains(role, StringComparer.Ordinal) || (string.IsNullOrWhiteSpace(content) && !(role == "assistant" && calls.Count > 0)))
                {
                    error = DashScopeError.InvalidParameter("Role must be user or assistant and Content length must be greater than 0");
                    return null;
                }

                if (role == "tool" && string.IsNullOrEmpty(toolCallId))
                {
                    error = DashScopeError.InvalidParameter("The tool message must have a tool_call_id.");
                    return null;
                }

                turns.Add(new GenerationTurn(role, content, calls, toolCallId));
            }
        }

        if (prompt is not null)
        {
            if (string.IsNullOrWhiteSpace(prompt))
            {
                error = DashScopeError.InvalidParameter("Role must be user or assistant and Content length must be greater than 0");
                return null;
            }

            turns.Add(new GenerationTurn("user", prompt, [], null));
        }

        if (turns[^1].Role is not ("user" or "tool"))
        {
            error = DashScopeError.InvalidParameter("The last message must be a user or tool message.");
            return null;
        }

        return turns;
    }

    private static DashScopeError? CheckParameters(Dictionary<string, JsonElement> parameters, string model, List<GenerationTurn> messages, out string format, out bool incremental, out bool thinks)
    {
        format = DefaultsToMessage(model) ? "message" : "text";
        incremental = true;
        thinks = false;
        if (parameters.TryGetValue("result_format", out var f))
        {
            if (f.ValueKind != JsonValueKind.String || f.GetString() is not ("text" or "message"))
            {
                return DashScopeError.InvalidParameter("result_format must be text or message.");
            }

            format = f.GetString()!;
        }

        if (parameters.TryGetValue("incremental_output", out var inc))
        {
            if (inc.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return DashScopeError.InvalidParameter("incremental_output must be a boolean.");
            }

            incremental = inc.ValueKind == JsonValueKind.True;
        }
        else
        {
            // The service's default is cumulative for most models; the SDK always says which it wants.
            incremental = DefaultsToMessage(model);
        }

        if (parameters.TryGetValue("enable_thinking", out var thinking) && thinking.ValueKind == JsonValueKind.True)
        {
            thinks = true;
            if (format == "text")
            {
                return DashScopeError.InvalidParameter("The thinking mode only supports result_format message.");
            }
        }

        return Number(parameters, "temperature", v => v is >= 0 and < 2, "Temperature should be in [0.0, 2.0)")
            ?? Number(parameters, "top_p", v => v is > 0 and <= 1, "Range of top_p should be (0.0, 1.0]")
            ?? Integer(parameters, "top_k", v => v >= 0, "Range of top_k should be [0, +inf)")
            ?? Integer(parameters, "seed", v => v is >= 0 and <= int.MaxValue, "Range of seed should be [0, 2147483647]")
            ?? Integer(parameters, "max_tokens", v => v >= 1, "Range of max_tokens should be [1, +inf)")
            ?? Number(parameters, "repetition_penalty", v => v > 0, "repetition_penalty should be greater than 0.0")
            ?? Number(parameters, "presence_penalty", v => v is >= -2 and <= 2, "Range of presence_penalty should be [-2.0, 2.0]")
            ?? Integer(parameters, "n", v => v is >= 1 and <= 4, "Range of n should be [1, 4]")
            ?? Integer(parameters, "top_logprobs", v => v is >= 0 and <= 5, "Range of top_logprobs should be [0, 5]")
            ?? Integer(parameters, "thinking_budget", v => v >= 1, "thinking_budget should be greater than 0")
            ?? Stop(parameters)
            ?? ResponseFormat(parameters, messages);
    }

    private static bool DefaultsToMessage(string model) =>
        model.StartsWith("qwen3", StringComparison.Ordinal) || model.StartsWith("qwq", StringComparison.Ordinal)
        || model.StartsWith("qvq", StringComparison.Ordinal) || model.StartsWith("qwen-long", StringComparison.Ordinal);

    private static DashScopeError? Number(Dictionary<string, JsonElement> parameters, string name, Func<double, bool> valid, string message) =>
        parameters.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null
            && !(value.ValueKind == JsonValueKind.Number && valid(value.GetDouble()))
            ? DashScopeError.InvalidParameter(message)
            : null;

    private static DashScopeError? Integer(Dictionary<string, JsonElement> parameters, string name, Func<long, bool> valid, string message) =>
        parameters.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null
            && !(value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var v) && valid(v))
            ? DashScopeError.InvalidParameter(message)
            : null;

    private static DashScopeError? Stop(Dictionary<string, JsonElement> parameters)
    {
        if (!parameters.TryGetValue("stop", out var stop) || stop.ValueKind is JsonValueKind.Null or JsonValueKind.String)
        {
            return null;
        }

        if (stop.ValueKind != JsonValueKind.Array)
        {
            return DashScopeError.InvalidParameter("stop must be a string or an array.");
        }

        var kinds = stop.EnumerateArray().Select(e => e.ValueKind).Distinct().ToList();
        return kinds.Count > 1 || kinds.Any(k => k is not (JsonValueKind.String or JsonValueKind.Array))
            ? DashScopeError.InvalidParameter("The elements of stop must be all strings or all token id arrays.")
            : null;
    }

    private static DashScopeError? ResponseFormat(Dictionary<string, JsonElement> parameters, List<GenerationTurn> messages)
    {
        if (!parameters.TryGetValue("response_format", out var format) || format.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var type = format.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return type switch
        {
            "text" => null,
            "json_object" when !messages.Any(m => m.Content.Contains("json", StringComparison.OrdinalIgnoreCase)) =>
                DashScopeError.InvalidParameter("'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'."),
            "json_object" => null,
            "json_schema" when format.TryGetProperty("json_schema", out var s) && s.ValueKind == JsonValueKind.Object
                && s.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Object => null,
            _ => DashScopeError.InvalidParameter("response_format.type must be text, json_object or json_schema (with json_schema.schema)."),
        };
    }

    private static List<ToolDefinition>? ReadTools(Dictionary<string, JsonElement> parameters, out DashScopeError? error)
    {
        error = null;
        var tools = new List<ToolDefinition>();
        if (!parameters.TryGetValue("tools", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return tools;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            error = DashScopeError.InvalidParameter("tools must be an array.");
            return null;
        }

        foreach (var tool in list.EnumerateArray())
        {
            if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object
                || !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetString()))
            {
                error = DashScopeError.InvalidParameter("Each tool needs a function with a name.");
                return null;
            }

            var description = function.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            JsonElement? schema = function.TryGetProperty("parameters", out var s) && s.ValueKind == JsonValueKind.Object ? s.Clone() : null;
            tools.Add(new ToolDefinition(name.GetString()!, description, schema));
        }

        return tools;
    }

    private static string? ToolChoice(Dictionary<string, JsonElement> parameters, List<ToolDefinition> tools, out DashScopeError? error)
    {
        error = null;
        if (!parameters.TryGetValue("tool_choice", out var choice) || choice.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var name = choice.ValueKind switch
        {
            JsonValueKind.String => choice.GetString(),
            JsonValueKind.Object when choice.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object && f.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String => n.GetString(),
            _ => null,
        };
        if (name is "auto" or "none" || (name is not null && tools.Any(t => t.Name == name)))
        {
            return name;
        }

        error = DashScopeError.InvalidParameter("tool_choice must be auto, none or one of the tools' functions.");
        return null;
    }
}
