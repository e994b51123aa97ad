using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Qianfan.Sdk.Core.Json;

/// <summary>
/// Extra body fields a request carries for what an SDK does not model yet: turned into what the body serializes, and
/// checked against the fields the SDK writes itself (a body naming a field twice leaves the service to guess which
/// wins). Each platform raises its own validation exception for the name this finds.
/// </summary>
internal static class ExtraFields
{
    private static readonly ConcurrentDictionary<JsonTypeInfo, FrozenSet<string>> Modeled = new();

    /// <summary>
    /// The bag to serialize as extension data: null when empty, so an ordinary request writes nothing extra. Not the
    /// <see cref="JsonObject"/> itself: System.Text.Json writes a <c>JsonObject</c> extension-data member as an object
    /// without a name (<c>{"messages":[…],{"extra":1}}</c>, dotnet/runtime#60806), which is not JSON.
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

    /// <summary>The names of the JSON members a body type writes, made once per type.</summary>
    private static FrozenSet<string> ModeledBy(JsonTypeInfo body) =>
        Modeled.GetOrAdd(body, static info => info.Properties.Select(p => p.Name).ToFrozenSet(StringComparer.Ordinal));

    /// <summary>
    /// The first field of <paramref name="fields"/> that may not be sent: an empty or blank name, or a member that
    /// <paramref name="body"/> writes itself; null when every field may go (at once when there are none).
    /// </summary>
    public static string? Refused(JsonObject? fields, JsonTypeInfo body)
    {
        if (fields is not { Count: > 0 })
        {
            return null;
        }

        var modeled = ModeledBy(body);
        foreach (var (name, _) in fields)
        {
            if (string.IsNullOrWhiteSpace(name) || modeled.Contains(name))
            {
                return name;
            }
        }

        return null;
    }
}
