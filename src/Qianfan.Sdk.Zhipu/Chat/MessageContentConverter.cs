using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>
/// Writes <c>content</c> as a string, or as <c>[{"type":"text","text"},{"type":"image_url","image_url":{"url"}}]</c> for
/// a multimodal message; reads either form (and null, the content of a reply that calls a tool, as "").
/// </summary>
internal sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    public override bool HandleNull => true;

    public override MessageContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => new MessageContent("", null),
        JsonTokenType.String => new MessageContent(reader.GetString() ?? "", null),
        JsonTokenType.StartArray => ReadParts(ref reader),
        _ => throw new JsonException($"content must be a string or an array of parts, was {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options)
    {
        if (value?.Parts is not { } parts)
        {
            writer.WriteStringValue(value?.Text ?? "");
            return;
        }

        writer.WriteStartArray();
        foreach (var part in parts)
        {
            writer.WriteStartObject();
            writer.WriteString("type", part.Type);
            if (part.Type == "image_url")
            {
                writer.WriteStartObject("image_url");
                writer.WriteString("url", part.ImageUrl);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteString("text", part.Text);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static MessageContent ReadParts(ref Utf8JsonReader reader)
    {
        var parts = new List<ChatContentPart>();
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

                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            text.Append(partText);
            parts.Add(ChatContentPart.Read(type ?? (url is null ? "text" : "image_url"), partText, url));
        }

        return new MessageContent(text.ToString(), parts);
    }
}
