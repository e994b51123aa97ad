using System.Text.Json;
using Qianfan.Sdk.Emulator.Tools;

namespace Qianfan.Sdk.Emulator.DashScope;

/// <summary>One message of a text-generation call as the emulator read it.</summary>
internal sealed record GenerationTurn(string Role, string Content, IReadOnlyList<(string Id, string Name)> ToolCalls, string? ToolCallId);

/// <summary>A valid text-generation call: its input (a prompt is one user message), its format and what it asks for.</summary>
internal sealed record GenerationCall(
    string Model,
    IReadOnlyList<GenerationTurn> Messages,
    bool IsMessageFormat,
    bool IsStream,
    bool Incremental,
    bool Thinks,
    IReadOnlyList<ToolDefinition> Tools,
    string? ToolChoice,
    bool ParallelToolCalls,
    int InputTokens,
    IReadOnlyDictionary<string, JsonElement> Parameters);
