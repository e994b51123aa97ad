using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Qianfan.Sdk.Emulator.Tools;

/// <summary>
/// The arguments the emulator calls a tool with, built from its JSON Schema so a tool loop gets something it can
/// parse: every required property, a string as the user's message (an enum's first value), a number or integer 0, a
/// boolean false, an array <c>[]</c>, an object <c>{}</c> (or its own required properties, likewise). Properties that
/// are not required are left out, and a tool without a schema gets <c>{}</c>.
/// </summary>
internal static class ToolArguments
{
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string For(ToolDefinition tool, string message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Writer))
        {
            WriteObject(writer, tool.Parameters, message, depth: 0);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonElement? schema, string message, int depth)
    {
        writer.WriteStartObject();
        if (schema is { ValueKind: JsonValueKind.Object } s
            && s.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array
            && s.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in required.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!).Distinct(StringComparer.Ordinal))
            {
                writer.WritePropertyName(name);
                WriteValue(writer, properties.TryGetProperty(name, out var property) ? property : null, message, depth);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement? schema, string message, int depth)
    {
        if (schema is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            values[0].WriteTo(writer);
            return;
        }

        switch (TypeOf(schema))
        {
            case "number" or "integer":
                writer.WriteNumberValue(0);
                break;
            case "boolean":
                writer.WriteBooleanValue(false);
                break;
            case "array":
                writer.WriteStartArray();
                writer.WriteEndArray();
                break;
            case "object" when depth < 8:
                WriteObject(writer, schema, message, depth + 1);
                break;
            case "object":
                writer.WriteStartObject();
                writer.WriteEndObject();
                break;
            case "null":
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(message);
                break;
        }
    }

    /// <summary>The schema's <c>type</c> (the first non-null one of a list); a string when it gives none.</summary>
    private static string TypeOf(JsonElement? schema)
    {
        if (schema is not { ValueKind: JsonValueKind.Object } s || !s.TryGetProperty("type", out var type))
        {
            return "string";
        }

        return type.ValueKind switch
        {
            JsonValueKind.String => type.GetString()!,
            JsonValueKind.Array => type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).FirstOrDefault(t => t != "null") ?? "null",
            _ => "string",
        };
    }
}
