using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>A function the model may call: its name, what it does, and its parameters as a JSON Schema.</summary>
public sealed class GenerationFunction
{
    /// <summary>The function's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>What it does, for the model to decide when to call it.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Its parameters, a JSON Schema object; null for none.</summary>
    [JsonPropertyName("parameters")]
    public JsonElement? Parameters { get; init; }
}
