using System.Text.Json;
using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Chat;

/// <summary>A complete (non-streamed) V1 reply.</summary>
public sealed class ChatResponse : ServiceResult
{
    /// <summary>This turn's id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>The answer type, <c>chat.completion</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    /// <summary>When the answer was made, in Unix seconds.</summary>
    [JsonPropertyName("created")]
    public long Created { get; set; }

    /// <summary>The reply text; "" when the service sent none.</summary>
    [JsonPropertyName("result")]
    public string Result { get; set => field = value ?? ""; } = "";

    /// <summary>Whether the reply was cut off (for example by <c>max_output_tokens</c>).</summary>
    [JsonPropertyName("is_truncated")]
    public bool IsTruncated { get; set; }

    /// <summary>Why generation stopped, e.g. <c>normal</c>, <c>stop</c>, <c>length</c>, <c>content_filter</c>.</summary>
    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; set; }

    /// <summary>
    /// True when the input was judged unsafe: close the conversation and clear its history
    /// (<see cref="ChatConversation"/> does so by itself).
    /// </summary>
    [JsonPropertyName("need_clear_history")]
    public bool NeedClearHistory { get; set; }

    /// <summary>With <see cref="NeedClearHistory"/>: the round that was sensitive; -1 is the current question.</summary>
    [JsonPropertyName("ban_round")]
    public int? BanRound { get; set; }

    /// <summary>The service's content flag, where given.</summary>
    [JsonPropertyName("flag")]
    public int? Flag { get; set; }

    /// <summary>The function the model asks to call (V1 function calling; <see cref="FinishReason"/> is <c>function_call</c>).</summary>
    [JsonPropertyName("function_call")]
    public ChatFunctionCall? FunctionCall { get; set; }

    /// <summary>The web results the answer drew on (with search and <c>enable_citation</c>), where given.</summary>
    [JsonPropertyName("search_info")]
    public ChatSearchInfo? SearchInfo { get; set; }

    /// <summary>Whether the service judged the answer safe, where it says.</summary>
    [JsonPropertyName("is_safe")]
    public bool? IsSafe { get; set; }

    /// <summary>What the service's tools (plugins) did, as it sent it (<c>tools_info</c>), where given.</summary>
    [JsonPropertyName("tools_info")]
    public JsonElement? ToolsInfo { get; set; }

    /// <summary>The tokens consumed.</summary>
    [JsonPropertyName("usage")]
    public TokenUsage? Usage { get; set; }

    /// <summary>The account's quota as the <c>X-Ratelimit-*</c> headers reported it; null when absent.</summary>
    [JsonIgnore]
    public RateLimitInfo? RateLimit => Response is { } response ? RateLimitInfo.FromHeaders(response.Headers) : null;

    internal override string? BodyId => Id;

    internal override UsageCounts? ReportedUsage => Usage?.Counts;
}
