using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>A function offered to the model.</summary>
public sealed record ChatFunction
{
    /// <summary>The name the model calls it by.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>What it does, for the model to decide when to call it.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Its parameters as a JSON Schema object.</summary>
    [JsonPropertyName("parameters")]
    public JsonElement? Parameters { get; init; }
}
