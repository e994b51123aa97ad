using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>The knowledge-base retrieval tool's settings (<c>{"type":"retrieval","retrieval":{…}}</c>).</summary>
public sealed record ChatRetrieval
{
    /// <summary>The knowledge base's id (<c>knowledge_id</c>); required.</summary>
    [JsonPropertyName("knowledge_id")]
    public required string KnowledgeId { get; init; }

    /// <summary>How the retrieved text is put to the model (<c>prompt_template</c>); null leaves the service's.</summary>
    [JsonPropertyName("prompt_template")]
    public string? PromptTemplate { get; init; }
}
