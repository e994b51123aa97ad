using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qianfan.Sdk.DashScope.Errors;

namespace Qianfan.Sdk.DashScope.Protocol;

/// <summary>
/// Extra fields a request carries for what the SDK does not model yet, sent as given inside the body's object they
/// belong to (<c>parameters</c>, <c>input</c>). They may not repeat a field the SDK writes itself.
/// </summary>
internal static class ExtraParameters
{
    /// <summary>
    /// The bag to serialize as extension data: null when empty. Not the <see cref="JsonObject"/> itself: System.Text.Json
    /// writes a <c>JsonObject</c> extension-data member as an object without a name, which is not JSON.
    /// </summary>
    public static Dictionary<string, JsonElement>? ToSend(JsonObject? fields)
    {
        if (fields is not { Count: > 0 })
        {
            return null;
        }

        var bag = new Dictionary<string, JsonElement>(fields.Count, StringComparer.Ordinal);
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer);
        foreach (var (name, value) in fields)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }

            writer.Flush();
            var reader = new Utf8JsonReader(buffer.WrittenSpan);
            bag[name] = JsonElement.ParseValue(ref reader);
        }

        return bag;
    }

    /// <summary>Throws when a field is unnamed or one of <paramref name="modeled"/>, naming the property it came from.</summary>
    public static void Validate(JsonObject? fields, FrozenSet<string> modeled, string property, string section)
    {
        if (fields is not { Count: > 0 })
        {
            return;
        }

        foreach (var (name, _) in fields)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new DashScopeValidationException($"{property} must not hold an empty field name", property);
            }

            if (modeled.Contains(name))
            {
                throw new DashScopeValidationException($"{property}['{name}'] repeats {section}.{name}, which the SDK sends itself; set its property instead", $"{property}['{name}']");
            }
        }
    }
}
