using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Zhipu.Protocol;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>A complete reply (<c>/chat/completions</c>).</summary>
public sealed class ChatCompletion : ServiceResult
{
    /// <summary>The reply's id (the service calls it the task id).</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>When it was made, in Unix seconds.</summary>
    [JsonPropertyName("created")]
    public long Created { get; set; }

    /// <summary>The model that answered.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary>The answers; empty (never null) when the service sent none.</summary>
    [JsonPropertyName("choices")]
    public IReadOnlyList<ChatCompletionChoice> Choices { get; set => field = value ?? []; } = [];

    /// <summary>The tokens consumed.</summary>
    [JsonPropertyName("usage")]
    public TokenUsage? Usage { get; set; }

    /// <summary>The pages a web search tool found; empty when none.</summary>
    [JsonPropertyName("web_search")]
    public IReadOnlyList<ChatWebSearchResult> WebSearch { get; set => field = value ?? []; } = [];

    /// <summary>What moderation found; empty when nothing.</summary>
    [JsonPropertyName("content_filter")]
    public IReadOnlyList<ContentFilterResult> ContentFilter { get; set => field = value ?? []; } = [];

    /// <summary>The first answer's text ("" when it calls tools or there is no answer).</summary>
    [JsonIgnore]
    public string Content => Choices.Count > 0 ? Choices[0]?.Message?.Content ?? "" : "";

    /// <summary>The first answer's reasoning (GLM-4.5 and later with thinking on); null when there is none.</summary>
    [JsonIgnore]
    public string? ReasoningContent => Choices.Count > 0 ? Choices[0]?.Message?.ReasoningContent : null;

    /// <summary>Why the first answer stopped (<c>stop</c>, <c>tool_calls</c>, <c>length</c>, <c>sensitive</c> …); null when there is none.</summary>
    [JsonIgnore]
    public string? FinishReason => Choices.Count > 0 ? Choices[0]?.FinishReason : null;

    /// <summary>The tools the first answer asks to call; empty when none.</summary>
    [JsonIgnore]
    public IReadOnlyList<ChatToolCall> ToolCalls => (Choices.Count > 0 ? Choices[0]?.Message?.ToolCalls : null) ?? [];

    /// <summary>The body's <c>request_id</c> (yours echoed, or the service's), which <see cref="ServiceResult.RequestId"/> reports.</summary>
    [JsonInclude]
    [JsonPropertyName("request_id")]
    internal string? BodyRequestId { get; set; }

    internal override string? BodyId => BodyRequestId ?? Id;

    internal override UsageCounts? ReportedUsage => Usage?.Counts;
}
