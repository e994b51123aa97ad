using System.Text.Json;
using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Completions;

/// <summary>One piece of a streamed continuation, in the V1 chat stream's format; the last has <see cref="IsEnd"/>.</summary>
public sealed class CompletionChunk : ServiceResult, IV1StreamItem
{
    /// <summary>The answer's id, the same on every piece.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary><c>completion</c>.</summary>
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

    /// <summary>The text of this piece ("" when none).</summary>
    [JsonPropertyName("result")]
    public string Result { get; set => field = value ?? ""; } = "";

    /// <summary>Whether the continuation was cut off.</summary>
    [JsonPropertyName("is_truncated")]
    public bool IsTruncated { get; set; }

    /// <summary>True when the prompt was judged unsafe.</summary>
    [JsonPropertyName("need_clear_history")]
    public bool NeedClearHistory { get; set; }

    /// <summary>The tokens consumed so far; final on the last piece.</summary>
    [JsonPropertyName("usage")]
    public TokenUsage? Usage { get; set; }

    /// <summary>An error event's code, of any JSON type; never written.</summary>
    [JsonInclude]
    [JsonPropertyName("error_code")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    internal JsonElement? ErrorCode { get; set; }

    JsonElement? IV1StreamItem.ErrorCode => ErrorCode;

    internal override string? BodyId => Id;

    internal override UsageCounts? ReportedUsage => Usage?.Counts;
}
