using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>A tool the model asked to call. In a stream, the pieces of one call share its <see cref="Index"/>.</summary>
public sealed record ChatToolCall
{
    /// <summary>The call's id, echoed by the <see cref="ChatRole.Tool"/> message that answers it.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary><c>function</c> (or <c>web_search</c>, <c>retrieval</c> for the built-in tools).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; } = "function";

    /// <summary>Which function, with which arguments.</summary>
    [JsonPropertyName("function")]
    public ChatFunctionCall? Function { get; set; }

    /// <summary>In a stream: which call this piece belongs to.</summary>
    [JsonPropertyName("index")]
    public int? Index { get; set; }
}
