using System.Globalization;
using System.Text.Json;

namespace Qianfan.Sdk.Zhipu.Protocol;

/// <summary>
/// Zhipu's error bodies: <c>{"error":{"code":"1214","message":"…"}}</c> (the code a string of digits, or a number),
/// <c>{"error":"…"}</c>, and the older API's <c>{"code":1261,"msg":"…","success":false}</c>. Read with a forward-only
/// reader, so a body that is not an envelope costs one scan; an envelope is an error whatever the HTTP status.
/// </summary>
internal readonly record struct ErrorEnvelope(string? Code, string Message, string? RequestId)
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The envelope in <paramref name="body"/>, or null when the body is not an error.</summary>
    public static ErrorEnvelope? TryRead(ReadOnlySpan<byte> body)
    {
        var hasError = body.IndexOf("\"error\""u8) >= 0;
        var hasLegacy = !hasError && body.IndexOf("\"success\""u8) >= 0 && body.IndexOf("\"msg\""u8) >= 0;
        if (!hasError && !hasLegacy)
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
                if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    ReadError(ref reader, ref found);
                }
                else if (reader.ValueTextEquals("code"u8))
                {
                    reader.Read();
                    found.LegacyCode = Text(ref reader);
                }
                else if (reader.ValueTextEquals("msg"u8))
                {
                    reader.Read();
                    found.LegacyMessage = Text(ref reader);
                }
                else if (reader.ValueTextEquals("success"u8))
                {
                    reader.Read();
                    found.Failed = reader.TokenType == JsonTokenType.False;
                }
                else if (reader.ValueTextEquals("request_id"u8))
                {
                    reader.Read();
                    found.RequestId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    Skip(ref reader);
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
            // A body cut after its error key is still an error; anything else is for the caller to judge.
        }

        if (found.IsError)
        {
            return new ErrorEnvelope(found.Code, found.Message ?? "the service reported an error without a message", found.RequestId);
        }

        return found.Failed && (found.LegacyCode is not null || found.LegacyMessage is not null)
            ? new ErrorEnvelope(found.LegacyCode, found.LegacyMessage ?? "the service reported a failure without a message", found.RequestId)
            : null;
    }

    private static void ReadError(ref Utf8JsonReader reader, ref Fields found)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return;
            case JsonTokenType.StartObject:
                found.IsError = true;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("code"u8))
                    {
                        reader.Read();
                        found.Code = Text(ref reader);
                    }
                    else if (reader.ValueTextEquals("message"u8))
                    {
                        reader.Read();
                        found.Message = Text(ref reader);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }

                return;
            default:
                found.IsError = true;
                found.Message = Text(ref reader);
                return;
        }
    }

    /// <summary>A value as text: a string as it is, a number as its digits (<c>1214</c> and <c>"1214"</c> alike), anything else as its JSON.</summary>
    private static string? Text(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number when reader.TryGetInt64(out var integer):
                return integer.ToString(CultureInfo.InvariantCulture);
            case JsonTokenType.Number when reader.TryGetDouble(out var number) && number == Math.Floor(number) && Math.Abs(number) < 1e15:
                return ((long)number).ToString(CultureInfo.InvariantCulture);
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    return document.RootElement.GetRawText();
                }

            default:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    return document.RootElement.GetRawText();
                }
        }
    }

    private static void Skip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }
    }

    private struct Fields
    {
        public bool IsError;
        public string? Code;
        public string? Message;
        public string? LegacyCode;
        public string? LegacyMessage;
        public bool Failed;
        public string? RequestId;
    }
}
