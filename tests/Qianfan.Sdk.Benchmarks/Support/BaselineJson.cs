using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Benchmarks.Support;

// The hand-written baselines' own wire types: the same shape as the SDK's ChatChunk, ChatResponse and request body,
// serialized by a source-generated context, with nothing else around them.

public sealed class V1Usage
{
    [JsonPropertyName("prompt_tokens")]
    public int PromptTokens { get; init; }

    [JsonPropertyName("completion_tokens")]
    public int CompletionTokens { get; init; }

    [JsonPropertyName("total_tokens")]
    public int TotalTokens { get; init; }
}

public sealed class V1Chunk
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    [JsonPropertyName("created")]
    public long Created { get; init; }

    [JsonPropertyName("sentence_id")]
    public int SentenceId { get; init; }

    [JsonPropertyName("is_end")]
    public bool IsEnd { get; init; }

    [JsonPropertyName("result")]
    public string Result { get; init; } = "";

    [JsonPropertyName("is_truncated")]
    public bool IsTruncated { get; init; }

    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; init; }

    [JsonPropertyName("need_clear_history")]
    public bool NeedClearHistory { get; init; }

    [JsonPropertyName("ban_round")]
    public int? BanRound { get; init; }

    [JsonPropertyName("flag")]
    public int? Flag { get; init; }

    [JsonPropertyName("usage")]
    public V1Usage? Usage { get; init; }
}

public sealed class V1Reply
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    [JsonPropertyName("created")]
    public long Created { get; init; }

    [JsonPropertyName("result")]
    public string Result { get; init; } = "";

    [JsonPropertyName("is_truncated")]
    public bool IsTruncated { get; init; }

    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; init; }

    [JsonPropertyName("need_clear_history")]
    public bool NeedClearHistory { get; init; }

    [JsonPropertyName("ban_round")]
    public int? BanRound { get; init; }

    [JsonPropertyName("flag")]
    public int? Flag { get; init; }

    [JsonPropertyName("usage")]
    public V1Usage? Usage { get; init; }
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
