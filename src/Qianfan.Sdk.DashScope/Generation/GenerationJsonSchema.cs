using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>The schema a <c>json_schema</c> reply follows (<c>response_format.json_schema</c>).</summary>
public sealed class GenerationJsonSchema
{
    /// <summary>The schema's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>What the reply holds.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>The JSON Schema, an object.</summary>
    [JsonPropertyName("schema")]
    public required JsonElement Schema { get; init; }

    /// <summary>Whether the reply must follow the schema exactly.</summary>
    [JsonPropertyName("strict")]
    public bool? Strict { get; init; }
}
