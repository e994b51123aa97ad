using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Qianfan.Sdk.Zhipu.Errors;

namespace Qianfan.Sdk.Zhipu.Protocol;

/// <summary>
/// Extra top-level body fields a request carries for what the SDK does not model (the official SDKs' <c>seed</c>,
/// <c>sensitive_word_check</c> …). They are sent as given, but may not repeat a field the SDK writes itself: the body
/// would name it twice, and which one wins would be the service's guess.
/// </summary>
internal static class AdditionalFields
{
    private static readonly ConcurrentDictionary<JsonTypeInfo, FrozenSet<string>> Modeled = new();

    /// <summary>
    /// The bag to serialize, as JSON elements: null when empty. Not the <see cref="JsonObject"/> itself: System.Text.Json
    /// writes a <c>JsonObject</c> extension-data member as an object without a name (dotnet/runtime#60806).
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

    /// <summary>Throws when a field in <paramref name="fields"/> is one the body of <paramref name="body"/> already writes.</summary>
    public static void Validate(JsonObject? fields, JsonTypeInfo body)
    {
        if (fields is not { Count: > 0 })
        {
            return;
        }

        var modeled = Modeled.GetOrAdd(body, static info => info.Properties.Select(p => p.Name).ToFrozenSet(StringComparer.Ordinal));
        foreach (var (name, _) in fields)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ZhipuValidationException("AdditionalProperties must not hold an empty field name", "AdditionalProperties");
            }

            if (modeled.Contains(name))
            {
                throw new ZhipuValidationException($"AdditionalProperties['{name}'] repeats a field the SDK sends itself; set its property instead", $"AdditionalProperties['{name}']");
            }
        }
    }
}
