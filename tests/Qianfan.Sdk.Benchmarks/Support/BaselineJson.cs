using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Benchmarks.Support;

// The hand-written baselines' own wire types: the same shape as the SDK's ChatChunk, ChatResponse and request body,
// serialized by a source-generated context, with nothing else around them. The answers' types have setters, the fastest
// way that context reads (init accessors would put it on its slower parameterized-constructor path).

public sealed class V1Usage
{
    [JsonPropertyName("prompt_tokens")]
    public int PromptTokens { get; set; }

    [JsonPropertyName("completion_tokens")]
    public int CompletionTokens { get; set; }

    [JsonPropertyName("total_tokens")]
    public int TotalTokens { get; set; }
}

public sealed class V1Chunk
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    [JsonPropertyName("created")]
    public long Created { get; set; }

    [JsonPropertyName("sentence_id")]
    public int SentenceId { get; set; }

    [JsonPropertyName("is_end")]
    public bool IsEnd { get; set; }

    [JsonPropertyName("result")]
    public string Result { get; set; } = "";

    [JsonPropertyName("is_truncated")]
    public bool IsTruncated { get; set; }

    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; set; }

    [JsonPropertyName("need_clear_history")]
    public bool NeedClearHistory { get; set; }

    [JsonPropertyName("ban_round")]
    public int? BanRound { get; set; }

    [JsonPropertyName("flag")]
    public int? Flag { get; set; }

    [JsonPropertyName("usage")]
    public V1Usage? Usage { get; set; }
}

public sealed class V1Reply
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    [JsonPropertyName("created")]
    public long Created { get; set; }

    [JsonPropertyName("result")]
    public string Result { get; set; } = "";

    [JsonPropertyName("is_truncated")]
    public bool IsTruncated { get; set; }

    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; set; }

    [JsonPropertyName("need_clear_history")]
    public bool NeedClearHistory { get; set; }

    [JsonPropertyName("ban_round")]
    public int? BanRound { get; set; }

    [JsonPropertyName("flag")]
    public int? Flag { get; set; }

    [JsonPropertyName("usage")]
    public V1Usage? Usage { get; set; }
}

public sealed record V1Message(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content);

public sealed class V1RequestBody
{
    [JsonPropertyName("messages")]
    public required IList<V1Message> Messages { get; init; }

    [JsonPropertyName("stream")]
    public bool? Stream { get; init; }

    [JsonPropertyName("system")]
    public string? System { get; init; }

    [JsonPropertyName("temperature")]
    public float? Temperature { get; init; }

    [JsonPropertyName("top_p")]
    public float? TopP { get; init; }

    [JsonPropertyName("max_output_tokens")]
    public int? MaxOutputTokens { get; init; }

    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(V1Chunk))]
[JsonSerializable(typeof(V1Reply))]
[JsonSerializable(typeof(V1RequestBody))]
public sealed partial class BaselineJsonContext : JsonSerializerContext;
