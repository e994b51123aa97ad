using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// The function a call names and its arguments, as the model wrote them (a JSON text): a V2 tool call's function, or
/// V1's <c>function_call</c> (which adds the model's <see cref="Thoughts"/>).
/// </summary>
public sealed record ChatFunctionCall
{
    /// <summary>The function's name, one of the request's tools (V2) or functions (V1).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The arguments as a JSON text; parse it yourself, the model may write invalid JSON.</summary>
    [JsonPropertyName("arguments")]
    public string? Arguments { get; set; }

    /// <summary>V1 only: why the model calls the function, in its words.</summary>
    [JsonPropertyName("thoughts")]
    public string? Thoughts { get; set; }
}
