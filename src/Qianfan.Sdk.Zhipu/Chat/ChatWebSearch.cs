using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>The built-in web search tool's settings (<c>{"type":"web_search","web_search":{…}}</c>).</summary>
public sealed record ChatWebSearch
{
    /// <summary>Whether the model may search (<c>enable</c>).</summary>
    [JsonPropertyName("enable")]
    public bool? Enable { get; init; }

    /// <summary>Which engine (<c>search_engine</c>), e.g. <c>search_std</c>; null leaves it to the service.</summary>
    [JsonPropertyName("search_engine")]
    public string? SearchEngine { get; init; }

    /// <summary>A query to search for instead of one the model chooses (<c>search_query</c>).</summary>
    [JsonPropertyName("search_query")]
    public string? SearchQuery { get; init; }

    /// <summary>Whether the reply lists the pages found (<c>search_result</c>), in <see cref="ChatCompletion.WebSearch"/>.</summary>
    [JsonPropertyName("search_result")]
    public bool? SearchResult { get; init; }

    /// <summary>How many results to draw on (<c>count</c>).</summary>
    [JsonPropertyName("count")]
    public int? Count { get; init; }
}
