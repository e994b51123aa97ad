using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Qianfan.Sdk.Core.Json;

/// <summary>
/// Writes request bodies as UTF-8 JSON with non-ASCII text kept as it is: the default encoder would send every
/// Chinese character as a six-byte <c>\uXXXX</c> escape instead of its three UTF-8 bytes. What JSON itself requires
/// (quotes, backslashes, control characters) is still escaped.
/// </summary>
/// <remarks>
/// A request's extra fields are written here, after the members its body type models, rather than as the body's
/// <c>[JsonExtensionData]</c>: a type with extension data loses the source generator's fast serialization path,
/// which every call would pay for the rare request that carries extra fields (docs/benchmarks.md).
/// </remarks>
internal static class JsonBody
{
    private const int KeepBufferUpTo = 1024 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// Serializes <paramref name="value"/>, a JSON object, with its source-generated contract into a new array, with
    /// <paramref name="extraFields"/> (checked against the modeled members beforehand) as further top-level members.
    /// </summary>
    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo, JsonObject? extraFields = null)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(buffer, WriterOptions);
        }
        else
        {
            writer.Reset(buffer);
        }

        try
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
            writer.Flush();
            return extraFields is { Count: > 0 } ? WithFields(buffer, writer, extraFields) : buffer.WrittenSpan.ToArray();
        }
        finally
        {
            if (buffer.Capacity > KeepBufferUpTo)
            {
                t_buffer = null;
                t_writer = null;
            }
            else
            {
                buffer.ResetWrittenCount();
            }
        }
    }

    /// <summary>
    /// The object in <paramref name="buffer"/> with <paramref name="fields"/> added before its closing brace: the
    /// fields are written as an object of their own after it, and the two are joined.
    /// </summary>
    private static byte[] WithFields(ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer, JsonObject fields)
    {
        var modeledLength = buffer.WrittenCount;
        if (modeledLength < 2 || buffer.WrittenSpan[^1] != (byte)'}')
        {
            throw new InvalidOperationException("Extra fields can only be added to a body that is a JSON object.");
        }

        writer.Reset(buffer);
        writer.WriteStartObject();
        foreach (var (name, node) in fields)
        {
            writer.WritePropertyName(name);
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
        writer.Flush();

        var written = buffer.WrittenSpan;
        var modeled = written[..(modeledLength - 1)];          // "{…" without its closing brace
        var extra = written[(modeledLength + 1)..];            // the fields' members and the closing brace
        var separator = modeled.Length > 1 ? 1 : 0;            // a comma, unless the modeled object is empty
        var body = new byte[modeled.Length + separator + extra.Length];
        modeled.CopyTo(body);
        if (separator == 1)
        {
            body[modeled.Length] = (byte)',';
        }

        extra.CopyTo(body.AsSpan(modeled.Length + separator));
        return body;
    }
}
