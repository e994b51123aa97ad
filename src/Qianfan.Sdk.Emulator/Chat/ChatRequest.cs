using System.Text.Json;

namespace Qianfan.Sdk.Emulator.Chat;

/// <summary>A chat body that passed validation, with what answering it needs.</summary>
internal sealed record ChatRequest(
    IReadOnlyList<ChatReplyMessage> Messages,
    string? System,
    bool IsStream,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    int PromptTokens);
