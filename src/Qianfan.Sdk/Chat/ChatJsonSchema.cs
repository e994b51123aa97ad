using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>The schema a <c>json_schema</c> reply follows.</summary>
public sealed record ChatJsonSchema
{
    /// <summary>The schema's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>What the reply is for.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>The JSON Schema object.</summary>
    [JsonPropertyName("schema")]
    public JsonElement Schema { get; init; }

    /// <summary>Whether the reply must follow the schema exactly.</summary>
    [JsonPropertyName("strict")]
    public bool? Strict { get; init; }
}
