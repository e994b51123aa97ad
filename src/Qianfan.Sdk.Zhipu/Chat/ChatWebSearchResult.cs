using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>A page the web search tool found (<c>web_search</c> of a reply).</summary>
public sealed record ChatWebSearchResult
{
    /// <summary>The site's icon.</summary>
    [JsonPropertyName("icon")]
    public string? Icon { get; set; }

    /// <summary>The page's title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    /// <summary>Its address.</summary>
    [JsonPropertyName("link")]
    public string? Link { get; set; }

    /// <summary>The site's name.</summary>
    [JsonPropertyName("media")]
    public string? Media { get; set; }

    /// <summary>When it was published, as the service wrote it.</summary>
    [JsonPropertyName("publish_date")]
    public string? PublishDate { get; set; }

    /// <summary>The text the model drew on.</summary>
    [JsonPropertyName("content")]
    public string? Content { get; set; }

    /// <summary>How the answer cites it, e.g. <c>[ref_1]</c>.</summary>
    [JsonPropertyName("refer")]
    public string? Refer { get; set; }
}
