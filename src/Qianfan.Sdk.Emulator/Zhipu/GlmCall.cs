using System.Text.Json;
using Qianfan.Sdk.Emulator.Tools;

namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>One message of a GLM chat call as the emulator read it (a vision message's text parts joined).</summary>
internal sealed record GlmTurn(string Role, string Content, IReadOnlyList<(string Id, string Name)> ToolCalls, string? ToolCallId);

/// <summary>A valid GLM chat call: the model, the messages, whether it streams and thinks, the tools offered, and the body's fields.</summary>
internal sealed record GlmCall(
    string Model,
    IReadOnlyList<GlmTurn> Messages,
    bool IsStream,
    bool Thinks,
    bool ToolStream,
    IReadOnlyList<ToolDefinition> Tools,
    int InputTokens,
    IReadOnlyDictionary<string, JsonElement> Parameters);
