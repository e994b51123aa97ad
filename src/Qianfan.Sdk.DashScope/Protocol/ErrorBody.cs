using System.Text;
using System.Text.Json;

namespace Qianfan.Sdk.DashScope.Protocol;

/// <summary>
/// DashScope's error body, <c>{"code":"…","message":"…","request_id":"…"}</c> (the message also as <c>msg</c>), read
/// with a forward-only reader: a body whose top level has no non-empty string <c>code</c> is not an error (an answer's
/// <c>output</c> may hold a task's own code). A body cut after its code is still an error.
/// </summary>
internal readonly record struct ErrorBody(string Code, string Message, string? RequestId)
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static ErrorBody? TryRead(ReadOnlySpan<byte> body)
    {
        if (body.IndexOf("\"code\""u8) < 0)
        {
            return null;
        }

        string? code = null;
        string? message = null;
        string? requestId = null;
        var reader = new Utf8JsonReader(body, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCode = reader.ValueTextEquals("code"u8);
                var isMessage = reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("msg"u8);
                var isId = reader.ValueTextEquals("request_id"u8);
                reader.Read();
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                var text = Text(ref reader);
                if (isCode)
                {
                    code = text;
                }
                else if (isMessage)
                {
                    message ??= text;
                }
                else if (isId)
                {
                    requestId = text;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // A body cut (or with invalid UTF-8 in a string) after its code is still an error.
        }

        return string.IsNullOrEmpty(code) ? null : new ErrorBody(code, string.IsNullOrEmpty(message) ? "(no message)" : message, requestId);
    }

    private static string? Text(ref Utf8JsonReader reader)
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
                    return Encoding.UTF8.GetString(reader.ValueSpan);
                }

            default:
                return Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }
}
