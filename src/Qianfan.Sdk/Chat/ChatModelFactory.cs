using Qianfan.Sdk.Core;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// Builds chat results as the SDK returns them, HTTP details included, for your own tests: a substituted
/// <see cref="ChatClient"/> or <see cref="ChatCompletionsClient"/> can answer with these.
/// </summary>
public static class ChatModelFactory
{
    /// <summary>A V1 reply.</summary>
    public static ChatResponse ChatResponse(
        string result = "",
        string? id = null,
        TokenUsage? usage = null,
        string? finishReason = null,
        bool needClearHistory = false,
        ServiceResponse? response = null) =>
        new() { Result = result, Id = id, Usage = usage, FinishReason = finishReason, NeedClearHistory = needClearHistory, Response = response };

    /// <summary>One piece of a V1 stream; <paramref name="isEnd"/> marks the last.</summary>
    public static ChatChunk ChatChunk(
        string result = "",
        bool isEnd = false,
        int sentenceId = 0,
        string? id = null,
        TokenUsage? usage = null,
        bool needClearHistory = false,
        ServiceResponse? response = null) =>
        new() { Result = result, IsEnd = isEnd, SentenceId = sentenceId, Id = id, Usage = usage, NeedClearHistory = needClearHistory, Response = response };

    /// <summary>A V2 reply with one answer: text, or the tool calls the model asks for.</summary>
    public static ChatCompletion ChatCompletion(
        string content = "",
        string? id = null,
        string? model = null,
        TokenUsage? usage = null,
        string? finishReason = "stop",
        IReadOnlyList<ChatToolCall>? toolCalls = null,
        ServiceResponse? response = null) =>
        new()
        {
            Id = id,
            Model = model,
            Usage = usage,
            Choices = [new ChatCompletionChoice { Message = new ChatMessage(ChatRole.Assistant, content) { ToolCalls = toolCalls }, FinishReason = finishReason }],
            Response = response,
        };

    /// <summary>One piece of a V2 stream: a text delta, tool-call fragments, or (with no choice) a usage-only tail.</summary>
    public static ChatCompletionChunk ChatCompletionChunk(
        string? contentDelta = null,
        string? id = null,
        string? finishReason = null,
        IReadOnlyList<ChatToolCall>? toolCalls = null,
        TokenUsage? usage = null,
        bool hasChoice = true,
        ServiceResponse? response = null) =>
        new()
        {
            Id = id,
            Usage = usage,
            Choices = hasChoice
                ? [new ChatCompletionChunkChoice { Delta = new ChatCompletionDelta { Content = contentDelta, ToolCalls = toolCalls }, FinishReason = finishReason }]
                : [],
            Response = response,
        };
}
