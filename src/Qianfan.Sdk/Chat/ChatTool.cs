using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>A function the model may call; the model answers with a <see cref="ChatToolCall"/> instead of text.</summary>
public sealed record ChatTool
{
    /// <summary>Always <c>function</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "function";

    /// <summary>The function's name, description and JSON-Schema parameters.</summary>
    [JsonPropertyName("function")]
    public required ChatFunction Function { get; init; }

    /// <summary>A function tool.</summary>
    public static ChatTool ForFunction(string name, string? description = null, JsonElement? parameters = null) =>
        new() { Function = new ChatFunction { Name = name, Description = description, Parameters = parameters } };
}
