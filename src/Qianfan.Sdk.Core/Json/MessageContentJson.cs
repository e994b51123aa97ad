using System.Text;
using System.Text.Json;

namespace Qianfan.Sdk.Core.Json;

/// <summary>
/// The <c>content</c> of an OpenAI-shaped message, as every platform that takes images writes and reads it: a string,
/// or <c>[{"type":"text","text"},{"type":"image_url","image_url":{"url"}}]</c> for a multimodal message; null (the
/// content of a reply that calls a tool) reads as "". A platform's converter maps its own part type in and out.
/// </summary>
internal static class MessageContentJson
{
    /// <summary>
    /// Reads the content at <paramref name="reader"/>'s value: its text (a string's, or its parts' joined) and its
    /// parts (null for a string), each made by <paramref name="part"/> from its type, text and image URL.
    /// </summary>
    public static (string Text, List<TPart>? Parts) Read<TPart>(ref Utf8JsonReader reader, Func<string, string?, string?, TPart> part) => reader.TokenType switch
    {
        JsonTokenType.Null => ("", null),
        JsonTokenType.String => (reader.GetString() ?? "", null),
        JsonTokenType.StartArray => ReadParts(ref reader, part),
        _ => throw new JsonException($"content must be a string or an array of parts, was {reader.TokenType}"),
    };

    /// <summary>
    /// Writes <paramref name="text"/> as a string, or <paramref name="parts"/> (when not null) as an array;
    /// <paramref name="describe"/> gives a platform's part as its type, text and image URL.
    /// </summary>
    public static void Write<TPart>(Utf8JsonWriter writer, string text, IReadOnlyList<TPart>? parts, Func<TPart, (string Type, string? Text, string? ImageUrl)> describe)
    {
        if (parts is null)
        {
            writer.WriteStringValue(text);
            return;
        }

        writer.WriteStartArray();
        foreach (var part in parts)
        {
            var (type, partText, imageUrl) = describe(part);
            writer.WriteStartObject();
            writer.WriteString("type", type);
            if (type == "image_url")
            {
                writer.WriteStartObject("image_url");
                writer.WriteString("url", imageUrl);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteString("text", partText);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static (string Text, List<TPart>? Parts) ReadParts<TPart>(ref Utf8JsonReader reader, Func<string, string?, string?, TPart> part)
    {
        var parts = new List<TPart>();
        var text = new StringBuilder();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("a content part must be an object");
            }

            string? type = null, partText = null, url = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "type":
                        type = reader.GetString();
                        break;
                    case "text":
                        partText = reader.GetString();
                        break;
                    case "image_url" when reader.TokenType == JsonTokenType.StartObject:
                        url = ReadUrl(ref reader);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            text.Append(partText);
            parts.Add(part(type ?? (url is null ? "text" : "image_url"), partText, url));
        }

        return (text.ToString(), parts);
    }

    private static string? ReadUrl(ref Utf8JsonReader reader)
    {
        string? url = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = reader.GetString();
            reader.Read();
            if (member == "url")
            {
                url = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return url;
    }
}
