using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>A function the model may call: its name, what it does and its parameters as a JSON Schema.</summary>
public sealed record ChatFunction
{
    /// <summary>The name the model calls it by: letters, digits, <c>_</c> and <c>-</c>, 1 to 64 characters.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>What it does, for the model to decide when to call it; required by the service.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Its parameters as a JSON Schema object; required by the service.</summary>
    [JsonPropertyName("parameters")]
    public JsonElement? Parameters { get; init; }
}
