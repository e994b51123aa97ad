using System.Text.Json;
using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Chat;

/// <summary>A complete V2 reply.</summary>
public sealed class ChatCompletion : ServiceResult
{
    /// <summary>The reply's id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary><c>chat.completion</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    /// <summary>When the reply was made, in Unix seconds.</summary>
    [JsonPropertyName("created")]
    public long Created { get; set; }

    /// <summary>The model that answered.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary>The answers; one unless more were asked for; empty (never null) when the service sent none.</summary>
    [JsonPropertyName("choices")]
    public IReadOnlyList<ChatCompletionChoice> Choices { get; set => field = value ?? []; } = [];

    /// <summary>The tokens consumed.</summary>
    [JsonPropertyName("usage")]
    public TokenUsage? Usage { get; set; }

    /// <summary>The web pages the answer drew on (with <see cref="ChatCompletionRequest.WebSearch"/>); empty when none.</summary>
    [JsonPropertyName("search_results")]
    public IReadOnlyList<ChatSearchResult> SearchResults { get; set => field = value ?? []; } = [];

    /// <summary>The first answer's text ("" when it is a tool call or there is no answer).</summary>
    [JsonIgnore]
    public string Content => Choices.Count > 0 ? Choices[0]?.Message?.Content ?? "" : "";

    /// <summary>Why the first answer stopped (<c>stop</c>, <c>length</c>, <c>tool_calls</c> …); null when there is none.</summary>
    [JsonIgnore]
    public string? FinishReason => Choices.Count > 0 ? Choices[0]?.FinishReason : null;

    /// <summary>The first answer's reasoning (thinking models); null when there is none.</summary>
    [JsonIgnore]
    public string? ReasoningContent => Choices.Count > 0 ? Choices[0]?.Message?.ReasoningContent : null;

    /// <summary>The tools the first answer asks to call; empty when none.</summary>
    [JsonIgnore]
    public IReadOnlyList<ChatToolCall> ToolCalls => (Choices.Count > 0 ? Choices[0]?.Message?.ToolCalls : null) ?? [];

    /// <summary>True when an answer says the input was judged unsafe: clear the conversation's history.</summary>
    [JsonIgnore]
    public bool NeedClearHistory => Choices.Any(c => c?.NeedClearHistory == true);

    internal override string? BodyId => Id;

    internal override UsageCounts? ReportedUsage => Usage?.Counts;
}
