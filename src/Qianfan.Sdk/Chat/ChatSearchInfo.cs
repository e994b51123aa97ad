using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>V1's <c>search_info</c>: the web results an answer with search enabled drew on.</summary>
public sealed record ChatSearchInfo
{
    /// <summary>The pages, by citation number; empty (never null) when there are none.</summary>
    [JsonPropertyName("search_results")]
    public IReadOnlyList<ChatSearchResult> SearchResults { get; set => field = value ?? []; } = [];
}
