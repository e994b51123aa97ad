using System.Text.Encodings.Web;
using System.Text.Json;
using Qianfan.Sdk.Emulator.Tools;

namespace Qianfan.Sdk.Emulator.Chat;

/// <summary>
/// A reply in the form <c>response_format</c> asks for: <c>json_object</c> gives <c>{"answer":"…the reply…"}</c>;
/// V2's <c>json_schema</c> an object built from the schema as tool arguments are (<see cref="ToolArguments"/>), its
/// strings the reply; <c>text</c> or nothing the reply as it is.
/// </summary>
internal static class JsonReply
{
    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Shape(string reply, IReadOnlyDictionary<string, JsonElement> parameters)
    {
        if (!parameters.TryGetValue("response_format", out var format))
        {
            return reply;
        }

        var type = format.ValueKind switch
        {
            JsonValueKind.String => format.GetString(),
            JsonValueKind.Object when format.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String => t.GetString(),
            _ => null,
        };
        return type switch
        {
            "json_object" => "{\"answer\":" + JsonSerializer.Serialize(reply, Raw) + "}",
            "json_schema" when format.GetProperty("json_schema").GetProperty("schema") is var schema => ToolArguments.For(new ToolDefinition("reply", null, schema), reply),
            _ => reply,
        };
    }
}
