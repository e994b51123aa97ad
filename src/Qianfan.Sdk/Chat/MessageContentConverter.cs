using System.Text.Json;
using System.Text.Json.Serialization;
using Qianfan.Sdk.Core.Json;

namespace Qianfan.Sdk.Chat;

/// <summary>A V2 message's <c>content</c>: a string, or text and image parts (<see cref="MessageContentJson"/>).</summary>
internal sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    public override bool HandleNull => true;

    public override MessageContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var (text, parts) = MessageContentJson.Read(ref reader, ChatContentPart.Read);
        return new MessageContent(text, parts);
    }

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options) =>
        MessageContentJson.Write(writer, value.Text, value.Parts, static p => (p.Type, p.Text, p.ImageUrl));
}
