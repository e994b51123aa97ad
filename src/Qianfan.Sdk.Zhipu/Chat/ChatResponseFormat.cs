using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>The reply's form (<c>response_format</c>): plain text (the default) or a JSON object.</summary>
public sealed record ChatResponseFormat
{
    /// <summary>Plain text.</summary>
    public static ChatResponseFormat Text { get; } = new() { Type = "text" };

    /// <summary>A JSON object: ask for JSON in the messages too, saying which fields.</summary>
    public static ChatResponseFormat JsonObject { get; } = new() { Type = "json_object" };

    /// <summary><c>text</c> or <c>json_object</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "text";
}
