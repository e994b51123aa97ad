using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>One tool call of an assistant message (<c>tool_calls[]</c>); answer it with <see cref="GenerationMessage.Tool"/>.</summary>
public sealed class GenerationToolCall
{
    /// <summary>The call's position among the message's calls (streams key their fragments by it).</summary>
    [JsonPropertyName("index")]
    public int? Index { get; set; }

    /// <summary>The call's id, which the tool message answering it repeats as <c>tool_call_id</c>.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary><c>function</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "function";

    /// <summary>The function and its arguments.</summary>
    [JsonPropertyName("function")]
    public GenerationFunctionCall? Function { get; set; }

    /// <summary>A call of <paramref name="name"/> with <paramref name="arguments"/> (a JSON object as text).</summary>
    public static GenerationToolCall ForFunction(string id, string name, string arguments) =>
        new() { Id = id, Function = new GenerationFunctionCall { Name = name, Arguments = arguments } };
}
