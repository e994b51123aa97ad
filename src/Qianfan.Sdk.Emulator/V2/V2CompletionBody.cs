using Qianfan.Sdk.Emulator.Serialization;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// A V2 sync answer: <c>{"id","object":"chat.completion","created","model","choices":[…],"usage"}</c>, and
/// <c>search_results</c> when the answer searched the web.
/// </summary>
internal sealed class V2CompletionBody
{
    public required string Id { get; init; }

    public string Object { get; init; } = "chat.completion";

    public required long Created { get; init; }

    public required string Model { get; init; }

    public required IReadOnlyList<V2Choice> Choices { get; init; }

    public IReadOnlyList<V2SearchResultBody>? SearchResults { get; init; }

    public required UsageBody Usage { get; init; }
}

/// <summary>One choice of a sync answer (the emulator always answers one, index 0); the clear-history members only when the input was judged unsafe.</summary>
internal sealed record V2Choice(int Index, V2ResponseMessage Message, string FinishReason)
{
    public bool? NeedClearHistory { get; init; }

    public int? BanRound { get; init; }
}

/// <summary>The assistant's message: its text and (thinking models) reasoning, or (with empty content) the tool calls it asks for.</summary>
internal sealed record V2ResponseMessage(string Role, string Content, IReadOnlyList<V2ToolCallBody>? ToolCalls)
{
    public string? ReasoningContent { get; init; }
}

/// <summary>One tool call, <c>{"id":"call_…","type":"function","function":{"name","arguments"}}</c>; <c>index</c> only in a stream.</summary>
internal sealed record V2ToolCallBody(int? Index, string? Id, string? Type, V2FunctionCallBody Function);

/// <summary>The function a tool call names and its arguments as a JSON text (in a stream, a fragment of them).</summary>
internal sealed record V2FunctionCallBody(string? Name, string Arguments);
