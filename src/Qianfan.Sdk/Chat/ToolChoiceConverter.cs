using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>V2's <c>tool_choice</c>: <c>auto</c>, <c>none</c> and <c>required</c> as strings, a function as <c>{"type":"function","function":{"name"}}</c>.</summary>
internal sealed class ToolChoiceConverter : JsonConverter<ToolChoiceBody>
{
    public override ToolChoiceBody Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new ToolChoiceBody(reader.GetString()!);
        }

        using var document = JsonDocument.ParseValue(ref reader);
        return new ToolChoiceBody(document.RootElement.TryGetProperty("function", out var function) && function.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "");
    }

    public override void Write(Utf8JsonWriter writer, ToolChoiceBody choice, JsonSerializerOptions options)
    {
        var value = choice.Value;
        if (value is "auto" or "none" or "required")
        {
            writer.WriteStringValue(value);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", "function");
        writer.WriteStartObject("function");
        writer.WriteString("name", value);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
