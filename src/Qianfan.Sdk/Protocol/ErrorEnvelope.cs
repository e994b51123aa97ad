using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Qianfan.Sdk.Protocol;

/// <summary>
/// Qianfan's error bodies, whatever their shape: V1's <c>{"error_code":N,"error_msg":"…"}</c> (the code a number, a
/// string or a float, the message of any type), V2's <c>{"error":{"code","message","type"},"id"}</c> (or
/// <c>{"error":"…"}</c>) and BCE's <c>{"code","message","requestId"}</c>. Read with a forward-only reader, so a body that
/// is not an envelope costs one scan; a body carrying an envelope is an error even when the service said HTTP 200.
/// </summary>
internal readonly record struct ErrorEnvelope(int? Code, string? Name, string Message, string? Id)
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The envelope in <paramref name="body"/>, or null when the body is not an error.</summary>
    public static ErrorEnvelope? TryRead(ReadOnlySpan<byte> body)
    {
        // A cheap scan first: most answers name none of the keys. One search finds V1's "error_code" and "error_msg"
        // (a message alone is an error too) and V2's "error"; a second finds BCE's "code".
        if (body.IndexOf("\"error"u8) < 0 && body.IndexOf("\"code\""u8) < 0)
        {
            return null;
        }

        var found = new Fields();
        var reader = new Utf8JsonReader(body, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("error_code"u8))
                {
                    reader.Read();
                    found.V1 = reader.TokenType != JsonTokenType.Null;
                    ReadCode(ref reader, body, ref found);
                }
                else if (reader.ValueTextEquals("error_msg"u8))
                {
                    reader.Read();
                    found.Message ??= ReadText(ref reader, body);
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    ReadV2Error(ref reader, body, ref found);
                }
                else if (reader.ValueTextEquals("code"u8))
                {
                    reader.Read();
                    found.BceCode = ReadText(ref reader, body);
                }
                else if (reader.ValueTextEquals("message"u8))
                {
                    reader.Read();
                    found.BceMessage = ReadText(ref reader, body);
                }
                else if (reader.ValueTextEquals("id"u8) || reader.ValueTextEquals("requestId"u8) || reader.ValueTextEquals("request_id"u8))
                {
                    reader.Read();
                    found.Id ??= reader.TokenType == JsonTokenType.String ? ReadText(ref reader, body) : null;
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        reader.Skip();
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // A body cut (or with invalid UTF-8 in a string: InvalidOperationException) after its error key is still
            // an error; anything else is for the caller to judge.
        }

        return found.ToEnvelope();
    }

    private static void ReadV2Error(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, ref Fields found)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return;
            case JsonTokenType.StartObject:
                found.V2 = true;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("code"u8))
                    {
                        reader.Read();
                        found.V2Code = ReadText(ref reader, body);
                    }
                    else if (reader.ValueTextEquals("type"u8))
                    {
                        reader.Read();
                        found.V2Type = ReadText(ref reader, body);
                    }
                    else if (reader.ValueTextEquals("message"u8))
                    {
                        reader.Read();
                        found.V2Message = ReadText(ref reader, body);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }

                return;
            default:
                found.V2 = true;
                found.V2Message = ReadText(ref reader, body);
                return;
        }
    }

    /// <summary>V1's code as the service meant it: <c>18</c>, <c>"18"</c> and <c>18.0</c> are all 18; anything else is kept as text.</summary>
    private static void ReadCode(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, ref Fields found)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt32(out var code):
                found.Code = code;
                return;
            case JsonTokenType.Number when reader.TryGetDouble(out var number) && number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue:
                found.Code = (int)number;
                return;
            case JsonTokenType.String when int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
                found.Code = parsed;
                return;
            case JsonTokenType.Null:
                return;
            default:
                found.CodeText = ReadText(ref reader, body);
                return;
        }
    }

    /// <summary>A value as text: a string as it is, anything else as its JSON.</summary>
    private static string? ReadText(ref Utf8JsonReader reader, ReadOnlySpan<byte> body)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                try
                {
                    return reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    // Invalid UTF-8 in an error's text: the text as best it decodes, the error kept.
                    return Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
                }

            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return Encoding.UTF8.GetString(body[start..(int)reader.BytesConsumed]);
            default:
                return Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        }
    }

    private struct Fields
    {
        public bool V1;
        public int? Code;
        public string? CodeText;
        public string? Message;
        public bool V2;
        public string? V2Code;
        public string? V2Type;
        public string? V2Message;
        public string? BceCode;
        public string? BceMessage;
        public string? Id;

        public readonly ErrorEnvelope? ToEnvelope()
        {
            if (V1 || Message is not null)
            {
                return new ErrorEnvelope(Code, CodeText, Message ?? "(no message)", Id);
            }

            if (V2)
            {
                var name = V2Code ?? V2Type;
                return new ErrorEnvelope(int.TryParse(name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var numeric) ? numeric : null, name, V2Message ?? "(no message)", Id);
            }

            // BCE's gateway shape: both members, as text; a body with only one of them is some other answer.
            return BceCode is not null && BceMessage is not null
                ? new ErrorEnvelope(null, BceCode, BceMessage, Id)
                : null;
        }
    }
}
