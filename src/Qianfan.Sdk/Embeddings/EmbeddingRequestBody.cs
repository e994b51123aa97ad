using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Embeddings;

/// <summary>The wire form of an <see cref="EmbeddingRequest"/>: V1 names the model in the path and takes <c>user_id</c>; V2 takes <c>model</c> and <c>user</c>.</summary>
internal sealed class EmbeddingRequestBody
{
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("input")]
    public required IList<string> Input { get; init; }

    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    [JsonPropertyName("user")]
    public string? User { get; init; }

    public static EmbeddingRequestBody From(EmbeddingRequest request, bool v2) => new()
    {
        Model = v2 ? request.Model : null,
        Input = request.Input,
        UserId = v2 ? null : request.User,
        User = v2 ? request.User : null,
    };
}
