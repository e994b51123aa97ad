namespace Qianfan.Sdk.Emulator.V2;

/// <summary>One message of a valid V2 request.</summary>
/// <param name="Role"><c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</param>
/// <param name="Content">The text (of a user message in parts, its text parts joined); empty for an assistant message that only carries tool calls.</param>
/// <param name="ToolCallId">For a tool message, the call it answers.</param>
/// <param name="ToolCalls">For an assistant message, the tool calls it made (id and function name).</param>
internal sealed record V2ChatMessage(string Role, string Content, string? ToolCallId, IReadOnlyList<(string Id, string Name)> ToolCalls)
{
    /// <summary>How many images a user message in parts carries.</summary>
    public int Images { get; init; }
}
