using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>The function a call names and its arguments, as the model wrote them (a JSON text).</summary>
public sealed record ChatFunctionCall
{
    /// <summary>The function's name, one of the request's tools.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The arguments as a JSON text; parse it yourself, the model may write invalid JSON.</summary>
    [JsonPropertyName("arguments")]
    public string? Arguments { get; set; }
}
