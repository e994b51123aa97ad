using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Rerank;

/// <summary>The wire form of a <see cref="RerankRequest"/>: V1 names the model in the path and takes <c>user_id</c>; V2 takes <c>model</c> and <c>user</c>.</summary>
internal sealed class RerankRequestBody
{
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("query")]
    public required string Query { get; init; }

    [JsonPropertyName("documents")]
    public required IList<string> Documents { get; init; }

    [JsonPropertyName("top_n")]
    public int? TopN { get; init; }

    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    [JsonPropertyName("user")]
    public string? User { get; init; }

    public static RerankRequestBody From(RerankRequest request, bool v2) => new()
    {
        Model = v2 ? request.Model : null,
        Query = request.Query,
        Documents = request.Documents,
        TopN = request.TopN,
        UserId = v2 ? null : request.User,
        User = v2 ? request.User : null,
    };
}
