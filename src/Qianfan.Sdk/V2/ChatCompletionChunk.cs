using System.Text.Json.Serialization;
using Qianfan.Sdk.Chat;

namespace Qianfan.Sdk.V2;

/// <summary>One piece of a streamed V2 reply. The last piece may carry only <see cref="Usage"/>, with no choices.</summary>
public sealed class ChatCompletionChunk
{
    /// <summary>The reply's id, the same on every piece.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary><c>chat.completion.chunk</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>When the piece was made, in Unix seconds.</summary>
    [JsonPropertyName("created")]
    public long Created { get; init; }

    /// <summary>The model that answers.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>What each answer adds.</summary>
    [JsonPropertyName("choices")]
    public IReadOnlyList<ChatCompletionChunkChoice> Choices { get; init; } = [];

    /// <summary>The tokens consumed, on the last piece.</summary>
    [JsonPropertyName("usage")]
    public ChatUsage? Usage { get; init; }

    /// <summary>The text the first answer adds with this piece ("" when none).</summary>
    [JsonIgnore]
    public string ContentDelta => Choices.Count > 0 ? Choices[0].Delta?.Content ?? "" : "";

    /// <summary>
    /// V2 reports an error inside a stream as an event <c>{"error":{…}}</c>; reading it into the chunk lets one pass
    /// over each event tell the two apart. Never written: a chunk serialized again looks as the service sent it.
    /// </summary>
    [JsonInclude]
    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    internal V2Error? Error { get; init; }
}
