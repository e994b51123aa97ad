using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Tools;

namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>
/// Reads and checks a chat body as Zhipu's service does (the API reference's <c>ChatCompletionTextRequest</c>): a GLM
/// model (names starting <c>glm</c>, <c>charglm</c>, <c>codegeex</c> or <c>emohaa</c>; another is 400 <c>1211</c>), at
/// least one message and not only system or assistant ones, known roles, an assistant message with content or tool
/// calls, a tool message with its <c>tool_call_id</c>; <c>temperature</c> in [0, 1] and <c>top_p</c> in [0.01, 1], each
/// with at most two decimals (400 <c>1210</c>, in the service's words); <c>max_tokens</c> in [1, 131072], one stop
/// word, <c>tool_choice</c> <c>auto</c>, <c>function</c> tools named <c>^[a-zA-Z0-9_-]{1,64}$</c>, <c>thinking.type</c>
/// <c>enabled</c> or <c>disabled</c>, <c>response_format.type</c> <c>text</c> or <c>json_object</c> (400 <c>1214</c>).
/// </summary>
/// <remarks>
/// Thinking: GLM-4.5 and later (<c>glm-4.5*</c>, <c>glm-4.6*</c>, <c>glm-4.7*</c>, <c>glm-5*</c>, <c>glm-z1*</c>) reason
/// unless <c>thinking.type</c> is <c>disabled</c>, as the service's default is <c>enabled</c>; older models never do.
/// </remarks>
internal static partial class GlmRequestReader
{
    private static readonly string[] Roles = ["system", "user", "assistant", "tool"];

    public static GlmCall? Read(ReadOnlyMemory<byte> body, out ZhipuError? error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            error = ZhipuError.InvalidField("请求体不是合法的 JSON。");
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = ZhipuError.InvalidField("请求体不是合法的 JSON。");
                return null;
            }

            return Read(document.RootElement, out error);
        }
    }

    /// <summary>Whether <paramref name="model"/> is one the emulator serves.</summary>
    public static bool IsGlm(string model) =>
        model.StartsWith("glm", StringComparison.Ordinal) || model.StartsWith("charglm", StringComparison.Ordinal)
        || model.StartsWith("codegeex", StringComparison.Ordinal) || model.StartsWith("emohaa", StringComparison.Ordinal);

    private static GlmCall? Read(JsonElement root, out ZhipuError? error)
    {
        error = null;
        var parameters = root.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        if (!parameters.TryGetValue("model", out var m) || m.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(m.GetString()))
        {
            error = ZhipuError.Of("1213", "未正常接收到model参数。");
            return null;
        }

        var model = m.GetString()!;
        if (!IsGlm(model))
        {
            error = ZhipuError.Of("1211");
            return null;
        }

        var messages = ReadMessages(parameters, out error);
        if (messages is null)
        {
            return null;
        }

        error = CheckNumber(parameters, "temperature", 0, 1, "[0,1]") ?? CheckNumber(parameters, "top_p", 0.01m, 1, "[0.01,1]") ?? CheckOthers(parameters);
        if (error is not null)
        {
            return null;
        }

        var tools = ReadTools(parameters, out error);
        if (tools is null)
        {
            return null;
        }

        var thinking = parameters.TryGetValue("thinking", out var t) && t.ValueKind == JsonValueKind.Object && t.TryGetProperty("type", out var type) ? type.GetString() : null;
        var isStream = parameters.TryGetValue("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var toolStream = parameters.TryGetValue("tool_stream", out var ts) && ts.ValueKind == JsonValueKind.True;
        var thinks = Reasons(model) && thinking != "disabled";
        return new GlmCall(model, messages, isStream, thinks, toolStream, tools, TokenEstimator.Count(messages.Select(x => x.Content)), parameters);
    }

    private static bool Reasons(string model) =>
        model.StartsWith("glm-z1", StringComparison.Ordinal) || (VersionOf(model) is { } version && version >= new Version(4, 5));

    private static Version? VersionOf(string model)
    {
        var match = ModelVersion().Match(model);
        return match.Success && Version.TryParse(match.Groups[2].Success ? $"{match.Groups[1].Value}.{match.Groups[2].Value}" : $"{match.Groups[1].Value}.0", out var version) ? version : null;
    }

    private static List<GlmTurn>? ReadMessages(Dictionary<string, JsonElement> parameters, out ZhipuError? error)
    {
        error = null;
        if (!parameters.TryGetValue("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            error = ZhipuError.InvalidField("messages 参数非法：不能为空。");
            return null;
        }

        var turns = new List<GlmTurn>();
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var role = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            if (role is null || !Roles.Contains(role, StringComparer.Ordinal))
            {
                error = ZhipuError.InvalidField($"messages[{index}]:role 参数非法，应为 system、user、assistant 或 tool。");
                return null;
            }

            var content = message.TryGetProperty("content", out var c) ? Text(c) : null;
            var calls = new List<(string, string)>();
            if (message.TryGetProperty("tool_calls", out var tc) && tc.ValueKind == JsonValueKind.Array)
            {
                foreach (var call in tc.EnumerateArray())
                {
                    var id = call.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() ?? "" : "";
                    var name = call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object && f.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() ?? "" : "";
                    calls.Add((id, name));
                }
            }

            if (role == "assistant" && string.IsNullOrEmpty(content) && calls.Count == 0)
            {
                error = ZhipuError.InvalidField($"messages[{index}]:content和tool_calls 字段不能同时为空");
                return null;
            }

            if (role is "system" or "user" or "tool" && string.IsNullOrEmpty(content))
            {
                error = ZhipuError.InvalidField($"messages[{index}]:content 不能为空");
                return null;
            }

            string? toolCallId = null;
            if (role == "tool")
            {
                toolCallId = message.TryGetProperty("tool_call_id", out var tci) && tci.ValueKind == JsonValueKind.String ? tci.GetString() : null;
                if (string.IsNullOrEmpty(toolCallId))
                {
                    error = ZhipuError.InvalidField($"messages[{index}]:tool_call_id 不能为空");
                    return null;
                }
            }

            turns.Add(new GlmTurn(role, content ?? "", calls, toolCallId));
            index++;
        }

        if (turns.All(t => t.Role is "system" or "assistant"))
        {
            error = ZhipuError.InvalidField("messages 参数非法：不能只包含系统消息或助手消息。");
            return null;
        }

        return turns;
    }

    /// <summary>A content as text: a string, or a vision message's text parts joined.</summary>
    private static string? Text(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString(),
        JsonValueKind.Array => string.Concat(content.EnumerateArray()
            .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("type", out var t) && t.GetString() == "text" && p.TryGetProperty("text", out _))
            .Select(p => p.GetProperty("text").GetString())),
        _ => null,
    };

    /// <summary>A sampling parameter: a number in [<paramref name="min"/>, <paramref name="max"/>] with at most two decimals, else 1210 as the service words it.</summary>
    private static ZhipuError? CheckNumber(Dictionary<string, JsonElement> parameters, string name, decimal min, decimal max, string range)
    {
        if (!parameters.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (!value.TryGetDecimal(out var number) || number < min || number > max)
        {
            return ZhipuError.InvalidParameter($"The {name} parameter is illegal.：限制数值范围{range}");
        }

        return decimal.Round(number, 2) != number
            ? ZhipuError.InvalidParameter($"The {name} parameter is illegal.：限两位小数")
            : null;
    }

    private static ZhipuError? CheckOthers(Dictionary<string, JsonElement> parameters)
    {
        if (parameters.TryGetValue("max_tokens", out var max) && max.ValueKind != JsonValueKind.Null && !(max.TryGetInt32(out var tokens) && tokens is >= 1 and <= 131072))
        {
            return ZhipuError.InvalidField("max_tokens参数非法。请检查文档。");
        }

        if (parameters.TryGetValue("stop", out var stop) && stop.ValueKind == JsonValueKind.Array && stop.GetArrayLength() > 1)
        {
            return ZhipuError.InvalidField("stop参数非法：目前仅支持单个停止词。");
        }

        if (parameters.TryGetValue("tool_choice", out var choice) && choice.ValueKind != JsonValueKind.Null && !(choice.ValueKind == JsonValueKind.String && choice.GetString() == "auto"))
        {
            return ZhipuError.InvalidField("tool_choice参数非法：仅支持 auto。");
        }

        if (parameters.TryGetValue("thinking", out var thinking) && thinking.ValueKind != JsonValueKind.Null
            && !(thinking.ValueKind == JsonValueKind.Object && thinking.TryGetProperty("type", out var type) && type.GetString() is "enabled" or "disabled"))
        {
            return ZhipuError.InvalidField("thinking.type参数非法：应为 enabled 或 disabled。");
        }

        if (parameters.TryGetValue("response_format", out var format) && format.ValueKind != JsonValueKind.Null
            && !(format.ValueKind == JsonValueKind.Object && format.TryGetProperty("type", out var formatType) && formatType.GetString() is "text" or "json_object"))
        {
            return ZhipuError.InvalidField("response_format.type参数非法：应为 text 或 json_object。");
        }

        return null;
    }

    private static List<ToolDefinition>? ReadTools(Dictionary<string, JsonElement> parameters, out ZhipuError? error)
    {
        error = null;
        var tools = new List<ToolDefinition>();
        if (!parameters.TryGetValue("tools", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return tools;
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > 128)
        {
            error = ZhipuError.InvalidField("tools参数非法：至多 128 个。");
            return null;
        }

        var index = 0;
        foreach (var tool in list.EnumerateArray())
        {
            var type = tool.ValueKind == JsonValueKind.Object && tool.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type is "retrieval" or "web_search" or "mcp")
            {
                index++;
                continue;
            }

            if (type != "function" || !tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object
                || !function.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String || !FunctionName().IsMatch(n.GetString()!))
            {
                error = ZhipuError.InvalidField(string.Create(CultureInfo.InvariantCulture, $"tools[{index}]参数非法：function.name 须匹配 ^[a-zA-Z0-9_-]{{1,64}}$。"));
                return null;
            }

            var description = function.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            JsonElement? schema = function.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object ? p.Clone() : null;
            tools.Add(new ToolDefinition(n.GetString()!, description, schema));
            index++;
        }

        return tools;
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex FunctionName();

    [GeneratedRegex(@"^glm-(\d+)(?:\.(\d+))?")]
    private static partial Regex ModelVersion();
}
