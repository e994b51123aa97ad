using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Zhipu.Protocol;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>
/// An asynchronous chat task as one poll found it (<c>GET /async-result/{id}</c>): while it runs only its id and
/// <see cref="TaskStatus"/> (<c>PROCESSING</c>); once it has succeeded (<c>SUCCESS</c>) also the reply — its choices and
/// usage, as a sync call returns them; a failed one (<c>FAIL</c>) says no more.
/// </summary>
public sealed class AsyncChatResult : ServiceResult
{
    /// <summary>The task's id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>The model the task ran.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary>The task's state, in the service's words: <c>PROCESSING</c>, <c>SUCCESS</c> or <c>FAIL</c> (see <see cref="AsyncTaskStatus"/>).</summary>
    [JsonPropertyName("task_status")]
    public string? TaskStatus { get; set; }

    /// <summary>When the reply was made, in Unix seconds; 0 while the task runs.</summary>
    [JsonPropertyName("created")]
    public long Created { get; set; }

    /// <summary>The answers, once the task has succeeded; empty (never null) before.</summary>
    [JsonPropertyName("choices")]
    public IReadOnlyList<ChatCompletionChoice> Choices { get; set => field = value ?? []; } = [];

    /// <summary>The tokens consumed, once the task has succeeded.</summary>
    [JsonPropertyName("usage")]
    public TokenUsage? Usage { get; set; }

    /// <summary>Whether the task is still running (<c>PROCESSING</c>).</summary>
    [JsonIgnore]
    public bool IsProcessing => TaskStatus == AsyncTaskStatus.Processing;

    /// <summary>Whether the task has succeeded (<c>SUCCESS</c>): the reply is here.</summary>
    [JsonIgnore]
    public bool IsSucceeded => TaskStatus == AsyncTaskStatus.Success;

    /// <summary>Whether the task has failed (<c>FAIL</c>).</summary>
    [JsonIgnore]
    public bool IsFailed => TaskStatus == AsyncTaskStatus.Fail;

    /// <summary>The first answer's text ("" until the task has succeeded, or when it calls tools).</summary>
    [JsonIgnore]
    public string Content => Choices.Count > 0 ? Choices[0]?.Message?.Content ?? "" : "";

    /// <summary>The first answer's reasoning; null when there is none.</summary>
    [JsonIgnore]
    public string? ReasoningContent => Choices.Count > 0 ? Choices[0]?.Message?.ReasoningContent : null;

    /// <summary>Why the first answer stopped; null when there is none.</summary>
    [JsonIgnore]
    public string? FinishReason => Choices.Count > 0 ? Choices[0]?.FinishReason : null;

    /// <summary>The tools the first answer asks to call; empty when none.</summary>
    [JsonIgnore]
    public IReadOnlyList<ChatToolCall> ToolCalls => (Choices.Count > 0 ? Choices[0]?.Message?.ToolCalls : null) ?? [];

    /// <summary>The body's <c>request_id</c>, which <see cref="ServiceResult.RequestId"/> reports.</summary>
    [JsonInclude]
    [JsonPropertyName("request_id")]
    internal string? BodyRequestId { get; set; }

    internal override string? BodyId => BodyRequestId ?? Id;

    internal override UsageCounts? ReportedUsage => Usage?.Counts;
}
