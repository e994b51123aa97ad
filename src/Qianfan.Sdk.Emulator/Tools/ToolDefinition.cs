using System.Text.Json;

namespace Qianfan.Sdk.Emulator.Tools;

/// <summary>A function a request offers the model: a V2 tool's function, or a V1 function.</summary>
/// <param name="Name">What the model calls it by.</param>
/// <param name="Description">What it does, when given.</param>
/// <param name="Parameters">Its JSON Schema, when given (a clone, safe to keep).</param>
internal sealed record ToolDefinition(string Name, string? Description, JsonElement? Parameters);
