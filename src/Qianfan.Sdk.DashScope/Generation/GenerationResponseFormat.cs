using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>
/// The form of the reply's content (<c>parameters.response_format</c>): plain text, a JSON object (the input must
/// then say "json", or the service refuses), or JSON following a schema.
/// </summary>
public sealed class GenerationResponseFormat
{
    private GenerationResponseFormat(string type, GenerationJsonSchema? schema)
    {
        Type = type;
        JsonSchema = schema;
    }

    /// <summary>Plain text (<c>{"type":"text"}</c>), the default.</summary>
    public static GenerationResponseFormat Text { get; } = new("text", null);

    /// <summary>A JSON object (<c>{"type":"json_object"}</c>); the prompt or a message must contain the word "json".</summary>
    public static GenerationResponseFormat JsonObject { get; } = new("json_object", null);

    /// <summary><c>text</c>, <c>json_object</c> or <c>json_schema</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; }

    /// <summary>The schema, for <c>json_schema</c>.</summary>
    [JsonPropertyName("json_schema")]
    public GenerationJsonSchema? JsonSchema { get; }

    /// <summary>JSON following <paramref name="schema"/> (<c>{"type":"json_schema","json_schema":{…}}</c>).</summary>
    public static GenerationResponseFormat ForJsonSchema(string name, JsonElement schema, string? description = null, bool? strict = null) =>
        new("json_schema", new GenerationJsonSchema { Name = name, Schema = schema, Description = description, Strict = strict });
}
