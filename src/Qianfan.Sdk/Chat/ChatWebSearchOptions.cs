using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>V2's <c>web_search</c>: let the model search the web, and whether to cite and trace what it found.</summary>
public sealed record ChatWebSearchOptions
{
    /// <summary>Whether to search (<c>enable</c>); default true.</summary>
    [JsonPropertyName("enable")]
    public bool Enable { get; init; } = true;

    /// <summary>Whether the answer marks its sources as <c>[1]</c>, <c>[2]</c> … (<c>enable_citation</c>).</summary>
    [JsonPropertyName("enable_citation")]
    public bool? EnableCitation { get; init; }

    /// <summary>Whether the reply lists the pages searched (<c>enable_trace</c>).</summary>
    [JsonPropertyName("enable_trace")]
    public bool? EnableTrace { get; init; }
}
