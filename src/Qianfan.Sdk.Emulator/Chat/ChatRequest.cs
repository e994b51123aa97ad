using System.Text.Json;
using Qianfan.Sdk.Emulator.Tools;

namespace Qianfan.Sdk.Emulator.Chat;

/// <summary>A chat body that passed validation, with what answering it needs.</summary>
/// <param name="Messages">The conversation: user, assistant, (with function calling) function messages.</param>
/// <param name="System">The persona, when set.</param>
/// <param name="IsStream">Whether <c>stream</c> is true.</param>
/// <param name="Parameters">Every body key except <c>messages</c>, as sent.</param>
/// <param name="PromptTokens">The estimated tokens of the messages and the persona.</param>
internal sealed record ChatRequest(
    IReadOnlyList<ChatReplyMessage> Messages,
    string? System,
    bool IsStream,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    int PromptTokens)
{
    /// <summary>The functions offered (<c>functions</c>), in order.</summary>
    public IReadOnlyList<ToolDefinition> Functions { get; init; } = [];

    /// <summary>The function <c>tool_choice</c> names, when it names one.</summary>
    public string? ChosenFunction { get; init; }

    /// <summary>For a last message of role function: the name of the function whose result it carries.</summary>
    public string? FunctionResultOf { get; init; }
}
