using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Models;

/// <summary>A model the account can call, as <c>GET /v2/models</c> lists it.</summary>
public sealed record ModelInfo
{
    /// <summary>The id to put in a V2 request's <c>model</c>.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set => field = value ?? ""; } = "";

    /// <summary><c>model</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    /// <summary>When it was published, in Unix seconds, where given.</summary>
    [JsonPropertyName("created")]
    public long? Created { get; set; }

    /// <summary>Who serves it, where given.</summary>
    [JsonPropertyName("owned_by")]
    public string? OwnedBy { get; set; }

    /// <summary>Its context window in tokens, where given.</summary>
    [JsonPropertyName("context_length")]
    public int? ContextLength { get; set; }

    /// <summary>Other fields the service lists for it (pricing, architecture …), as it sent them.</summary>
    /// <remarks>Settable, not init-only: System.Text.Json's generated code cannot fill an init-only extension-data member.</remarks>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
