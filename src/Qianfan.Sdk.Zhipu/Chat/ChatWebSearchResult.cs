using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>A page the web search tool found (<c>web_search</c> of a reply).</summary>
public sealed record ChatWebSearchResult
{
    /// <summary>The site's icon.</summary>
    [JsonPropertyName("icon")]
    public string? Icon { get; init; }

    /// <summary>The page's title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>Its address.</summary>
    [JsonPropertyName("link")]
    public string? Link { get; init; }

    /// <summary>The site's name.</summary>
    [JsonPropertyName("media")]
    public string? Media { get; init; }

    /// <summary>When it was published, as the service wrote it.</summary>
    [JsonPropertyName("publish_date")]
    public string? PublishDate { get; init; }

    /// <summary>The text the model drew on.</summary>
    [JsonPropertyName("content")]
    public string? Content { get; init; }

    /// <summary>How the answer cites it, e.g. <c>[ref_1]</c>.</summary>
    [JsonPropertyName("refer")]
    public string? Refer { get; init; }
}
