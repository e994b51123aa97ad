using System.Text.Json.Serialization;
using Qianfan.Sdk.Chat;

namespace Qianfan.Sdk.V2;

/// <summary>A complete V2 reply.</summary>
public sealed class ChatCompletion
{
    /// <summary>The reply's id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary><c>chat.completion</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>When the reply was made, in Unix seconds.</summary>
    [JsonPropertyName("created")]
    public long Created { get; init; }

    /// <summary>The model that answered.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>The answers; one unless more were asked for.</summary>
    [JsonPropertyName("choices")]
    public IReadOnlyList<ChatCompletionChoice> Choices { get; init; } = [];

    /// <summary>The tokens consumed.</summary>
    [JsonPropertyName("usage")]
    public ChatUsage? Usage { get; init; }

    /// <summary>The first answer's text ("" when it is a tool call).</summary>
    [JsonIgnore]
    public string Content => Choices.Count > 0 ? Choices[0].Message?.Content ?? "" : "";

    /// <summary>The service's request id, where given.</summary>
    [JsonIgnore]
    public string? RequestId { get; internal set; }
}
