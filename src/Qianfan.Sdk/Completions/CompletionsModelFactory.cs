using Qianfan.Sdk.Core;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Completions;

/// <summary>
/// Builds completion results as the SDK returns them, HTTP answer included, for your own tests: a substituted
/// <see cref="CompletionsClient"/> can answer with these.
/// </summary>
public static class CompletionsModelFactory
{
    /// <summary>A whole continuation.</summary>
    public static CompletionResponse CompletionResponse(
        string result = "",
        string? id = null,
        TokenUsage? usage = null,
        bool isTruncated = false,
        bool needClearHistory = false,
        ServiceResponse? response = null) =>
        new() { Result = result, Id = id, Usage = usage, IsTruncated = isTruncated, NeedClearHistory = needClearHistory, Response = response };

    /// <summary>One piece of a streamed continuation; <paramref name="isEnd"/> marks the last.</summary>
    public static CompletionChunk CompletionChunk(
        string result = "",
        bool isEnd = false,
        int sentenceId = 0,
        string? id = null,
        TokenUsage? usage = null,
        ServiceResponse? response = null) =>
        new() { Result = result, IsEnd = isEnd, SentenceId = sentenceId, Id = id, Usage = usage, Response = response };
}
