using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>A web page the answer drew on (V1 <c>search_info.search_results</c>, V2 <c>search_results</c>): the citation <c>[index]</c> in the text refers to it.</summary>
public sealed record ChatSearchResult
{
    /// <summary>The number the answer cites it by.</summary>
    [JsonPropertyName("index")]
    public int Index { get; set; }

    /// <summary>The page's address.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; set; }

    /// <summary>The page's title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; set; }
}
