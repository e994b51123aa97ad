using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>A tool the model may call (<c>parameters.tools[]</c>): a function. Tools need <see cref="GenerationResultFormat.Message"/>.</summary>
public sealed class GenerationTool
{
    /// <summary><c>function</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "function";

    /// <summary>The function.</summary>
    [JsonPropertyName("function")]
    public required GenerationFunction Function { get; init; }

    /// <summary>A function tool.</summary>
    /// <param name="name">The function's name.</param>
    /// <param name="description">What it does.</param>
    /// <param name="parameters">Its parameters as a JSON Schema object; null for none.</param>
    public static GenerationTool ForFunction(string name, string? description = null, JsonElement? parameters = null) =>
        new() { Function = new GenerationFunction { Name = name, Description = description, Parameters = parameters } };
}
