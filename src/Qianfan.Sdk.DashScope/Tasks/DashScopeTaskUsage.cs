using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Tasks;

/// <summary>What a task was charged (<c>usage</c>), e.g. the images made.</summary>
public sealed class DashScopeTaskUsage
{
    /// <summary>Images made (<c>image_count</c>).</summary>
    [JsonPropertyName("image_count")]
    public int? ImageCount { get; set; }

    /// <summary>Fields this version does not model, as sent.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
