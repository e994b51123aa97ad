using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Tasks;

/// <summary>One result of a task (<c>output.results[]</c>): an image's URL, or why that one failed.</summary>
public sealed class DashScopeTaskResult
{
    /// <summary>Where the result is (e.g. a generated image; the service keeps it for a limited time).</summary>
    [JsonPropertyName("url")]
    public string? Url { get; set; }

    /// <summary>The error code, for a result that failed.</summary>
    [JsonPropertyName("code")]
    public string? Code { get; set; }

    /// <summary>The error message, for a result that failed.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>Fields this version does not model, as sent.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
