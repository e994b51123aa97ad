using System.Text.Json;
using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// One piece of a streamed V2 reply. The last piece may carry only <see cref="Usage"/>, with no choices (the
/// <c>stream_options.include_usage</c> tail): every member then reads as empty, never null.
/// </summary>
public sealed class ChatCompletionChunk : ServiceResult
{
    /// <summary>The reply's id, the same on every piece.</summary>
    [JsonPropertyName("id")]
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string? Id { get; set; }

    /// <summary><c>chat.completion.chunk</c>.</summary>
    [JsonPropertyName("object")]
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string? ObjectType { get; set; }

    /// <summary>When the piece was made, in Unix seconds.</summary>
    [JsonPropertyName("created")]
    public long Created { get; set; }

    /// <summary>The model that answers.</summary>
    [JsonPropertyName("model")]
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string? Model { get; set; }

    /// <summary>What each answer adds; empty (never null) on a usage-only piece.</summary>
    [JsonPropertyName("choices")]
    public IReadOnlyList<ChatCompletionChunkChoice> Choices { get; set => field = value ?? []; } = [];

    /// <summary>The tokens consumed, on the last piece.</summary>
    [JsonPropertyName("usage")]
    public TokenUsage? Usage { get; set; }

    /// <summary>The web pages the answer draws on, on the pieces that carry them; empty when none.</summary>
    [JsonPropertyName("search_results")]
    public IReadOnlyList<ChatSearchResult> SearchResults { get; set => field = value ?? []; } = [];

    /// <summary>The text the first answer adds with this piece ("" when none).</summary>
    [JsonIgnore]
    public string ContentDelta => Choices.Count > 0 ? Choices[0]?.Delta?.Content ?? "" : "";

    /// <summary>The reasoning the first answer adds with this piece ("" when none).</summary>
    [JsonIgnore]
    public string ReasoningDelta => Choices.Count > 0 ? Choices[0]?.Delta?.ReasoningContent ?? "" : "";

    /// <summary>The first answer's finish reason, on its last piece; null on the others.</summary>
    [JsonIgnore]
    public string? FinishReason => Choices.Count > 0 ? Choices[0]?.FinishReason : null;

    /// <summary>
    /// V2 reports an error inside a stream as an event <c>{"error":…}</c> (an object or a string); reading the key into
    /// the chunk lets one pass over each event tell the two apart. Never written.
    /// </summary>
    [JsonInclude]
    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    internal JsonElement? Error { get; set; }

    /// <summary>A gateway may put V1's <c>error_code</c> envelope into a V2 stream; it is an error too. Never written.</summary>
    [JsonInclude]
    [JsonPropertyName("error_code")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    internal JsonElement? ErrorCode { get; set; }

    internal override string? BodyId => Id;

    internal override UsageCounts? ReportedUsage => Usage?.Counts;
}
