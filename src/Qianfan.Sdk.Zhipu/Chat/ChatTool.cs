using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>
/// A tool the model may use: a function of yours (the model answers with a <see cref="ChatToolCall"/>), the service's
/// web search, or retrieval from one of your knowledge bases. At most 128 in a request.
/// </summary>
public sealed record ChatTool
{
    /// <summary><c>function</c>, <c>web_search</c> or <c>retrieval</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "function";

    /// <summary>The function, for a <c>function</c> tool.</summary>
    [JsonPropertyName("function")]
    public ChatFunction? Function { get; init; }

    /// <summary>The search settings, for a <c>web_search</c> tool.</summary>
    [JsonPropertyName("web_search")]
    public ChatWebSearch? WebSearch { get; init; }

    /// <summary>The knowledge base, for a <c>retrieval</c> tool.</summary>
    [JsonPropertyName("retrieval")]
    public ChatRetrieval? Retrieval { get; init; }

    /// <summary>A function tool: its name, what it does and its JSON-Schema parameters (all three required by the service).</summary>
    public static ChatTool ForFunction(string name, string description, JsonElement parameters) =>
        new() { Function = new ChatFunction { Name = name, Description = description, Parameters = parameters } };

    /// <summary>The service's web search, on (with the pages found listed in the reply unless <paramref name="settings"/> say otherwise).</summary>
    public static ChatTool ForWebSearch(ChatWebSearch? settings = null) =>
        new() { Type = "web_search", WebSearch = settings ?? new ChatWebSearch { Enable = true, SearchResult = true } };

    /// <summary>Retrieval from the knowledge base <paramref name="knowledgeId"/>.</summary>
    public static ChatTool ForRetrieval(string knowledgeId, string? promptTemplate = null) =>
        new() { Type = "retrieval", Retrieval = new ChatRetrieval { KnowledgeId = knowledgeId, PromptTemplate = promptTemplate } };
}
