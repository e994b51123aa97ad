using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// The form of a V2 reply (<c>response_format</c>): free text, any JSON object, or JSON that follows a schema
/// (<c>{"type":"json_schema","json_schema":{"name","schema","strict"}}</c>).
/// </summary>
public sealed record ChatResponseFormat
{
    private ChatResponseFormat(string type, ChatJsonSchema? jsonSchema)
    {
        Type = type;
        JsonSchema = jsonSchema;
    }

    /// <summary>Free text (the default).</summary>
    public static ChatResponseFormat Text { get; } = new("text", null);

    /// <summary>A JSON object of the model's choosing.</summary>
    public static ChatResponseFormat JsonObject { get; } = new("json_object", null);

    /// <summary><c>text</c>, <c>json_object</c> or <c>json_schema</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; }

    /// <summary>The schema, for <c>json_schema</c>.</summary>
    [JsonPropertyName("json_schema")]
    public ChatJsonSchema? JsonSchema { get; }

    /// <summary>JSON that follows <paramref name="schema"/>.</summary>
    /// <param name="name">The schema's name (letters, digits, <c>_</c> and <c>-</c>).</param>
    /// <param name="schema">A JSON Schema object.</param>
    /// <param name="description">What the reply is for, to guide the model.</param>
    /// <param name="strict">Whether the reply must follow the schema exactly.</param>
    public static ChatResponseFormat ForJsonSchema(string name, JsonElement schema, string? description = null, bool? strict = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new ChatResponseFormat("json_schema", new ChatJsonSchema { Name = name, Schema = schema, Description = description, Strict = strict });
    }
}
