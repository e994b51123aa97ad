using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Protocol;

/// <summary>
/// A string that every piece of a stream repeats (the reply's id, <c>object</c>, the model): read once, then handed out
/// again while the bytes match, instead of a new string per piece. The last value is kept per property (one converter
/// per property of a source-generated context); callers on other threads at most replace it, and a value is only
/// reused after its bytes compared equal, so what is read is always what was sent.
/// </summary>
internal sealed class RepeatedStringConverter : JsonConverter<string>
{
    private string? _last;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string, found {reader.TokenType}.");
        }

        var last = Volatile.Read(ref _last);
        if (last is not null && reader.ValueTextEquals(last))
        {
            return last;
        }

        var value = reader.GetString()!;
        Volatile.Write(ref _last, value);
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
