using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>The function a tool call names and its arguments, a JSON text as the model wrote it.</summary>
public sealed class GenerationFunctionCall
{
    /// <summary>The function's name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The arguments, a JSON object as text (in a stream, in fragments until the call is complete).</summary>
    [JsonPropertyName("arguments")]
    public string? Arguments { get; set; }
}
