using System.Text.Json;
using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Zhipu.Protocol;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>One piece of a streamed reply; the last carries <see cref="Usage"/>. Every member reads as empty, never null.</summary>
public sealed class ChatCompletionChunk : ServiceResult
{
    /// <summary>The reply's id, the same on every piece.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>When the piece was made, in Unix seconds.</summary>
    [JsonPropertyName("created")]
    public long Created { get; set; }

    /// <summary>The model that answers.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary>What each answer adds; empty (never null) when none.</summary>
    [JsonPropertyName("choices")]
    public IReadOnlyList<ChatCompletionChunkChoice> Choices { get; set => field = value ?? []; } = [];

    /// <summary>The tokens consumed, on the last piece.</summary>
    [JsonPropertyName("usage")]
    public TokenUsage? Usage { get; set; }

    /// <summary>The pages a web search tool found, on the pieces that carry them; empty when none.</summary>
    [JsonPropertyName("web_search")]
    public IReadOnlyList<ChatWebSearchResult> WebSearch { get; set => field = value ?? []; } = [];

    /// <summary>What moderation found, on the pieces that carry it; empty when nothing.</summary>
    [JsonPropertyName("content_filter")]
    public IReadOnlyList<ContentFilterResult> ContentFilter { get; set => field = value ?? []; } = [];

    /// <summary>The text the first answer adds with this piece ("" when none).</summary>
    [JsonIgnore]
    public string ContentDelta => Choices.Count > 0 ? Choices[0]?.Delta?.Content ?? "" : "";

    /// <summary>The reasoning the first answer adds with this piece ("" when none).</summary>
    [JsonIgnore]
    public string ReasoningDelta => Choices.Count > 0 ? Choices[0]?.Delta?.ReasoningContent ?? "" : "";

    /// <summary>The first answer's finish reason, on its last piece; null on the others.</summary>
    [JsonIgnore]
    public string? FinishReason => Choices.Count > 0 ? Choices[0]?.FinishReason : null;

    /// <summary>An error reported inside the stream (<c>{"error":…}</c>); read so one pass tells the two apart. Never written.</summary>
    [JsonInclude]
    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    internal JsonElement? Error { get; set; }

    /// <summary>The body's <c>request_id</c>, where a piece carries one.</summary>
    [JsonInclude]
    [JsonPropertyName("request_id")]
    internal string? BodyRequestId { get; set; }

    internal override string? BodyId => BodyRequestId ?? Id;

    internal override UsageCounts? ReportedUsage => Usage?.Counts;
}
