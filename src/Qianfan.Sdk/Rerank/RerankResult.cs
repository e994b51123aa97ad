using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Rerank;

/// <summary>One document with its score.</summary>
public sealed record RerankResult
{
    /// <summary>The document's position in the request.</summary>
    [JsonPropertyName("index")]
    public int Index { get; set; }

    /// <summary>How well it answers the query; higher is better.</summary>
    [JsonPropertyName("relevance_score")]
    public double RelevanceScore { get; set; }

    /// <summary>The document's text, as the service echoed it.</summary>
    [JsonPropertyName("document")]
    public string Document { get; set => field = value ?? ""; } = "";
}
