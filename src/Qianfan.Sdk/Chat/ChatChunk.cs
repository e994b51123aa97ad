using System.Text.Json;
using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Chat;

/// <summary>One piece of a streamed V1 reply (one <c>data:</c> event). The last piece has <see cref="IsEnd"/> set and the final usage.</summary>
public sealed class ChatChunk : ServiceResult, IV1StreamItem
{
    /// <summary>This turn's id, the same on every piece.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>The answer type, <c>chat.completion</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    /// <summary>When the piece was made, in Unix seconds.</summary>
    [JsonPropertyName("created")]
    public long Created { get; set; }

    /// <summary>The index of this piece, from 0.</summary>
    [JsonPropertyName("sentence_id")]
    public int SentenceId { get; set; }

    /// <summary>Whether this is the last piece.</summary>
    [JsonPropertyName("is_end")]
    public bool IsEnd { get; set; }

    /// <summary>The text of this piece ("" when none); concatenate them for the whole reply.</summary>
    [JsonPropertyName("result")]
    public string Result { get; set => field = value ?? ""; } = "";

    /// <summary>Whether the reply was cut off.</summary>
    [JsonPropertyName("is_truncated")]
    public bool IsTruncated { get; set; }

    /// <summary>Why generation stopped, on the last piece.</summary>
    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; set; }

    /// <summary>True when the input was judged unsafe: close the conversation and clear its history.</summary>
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

    /// <summary>The tokens consumed so far; final on the last piece.</summary>
    [JsonPropertyName("usage")]
    public TokenUsage? Usage { get; set; }

    /// <summary>
    /// V1 reports an error inside a stream as an event of its own, <c>{"error_code":…,"error_msg":"…"}</c>, the code of
    /// any JSON type. Reading the key into the chunk lets one pass tell the two apart; the rare error event is then
    /// decoded from its bytes. Never written: a chunk serialized again looks as the service sent it.
    /// </summary>
    [JsonInclude]
    [JsonPropertyName("error_code")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    internal JsonElement? ErrorCode { get; set; }

    JsonElement? IV1StreamItem.ErrorCode => ErrorCode;

    internal override string? BodyId => Id;

    internal override UsageCounts? ReportedUsage => Usage?.Counts;
}
