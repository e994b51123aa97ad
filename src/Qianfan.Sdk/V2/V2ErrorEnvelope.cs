using System.Text.Json.Serialization;

namespace Qianfan.Sdk.V2;

/// <summary>The V2 error body, <c>{"error":{"code":"…","message":"…","type":"…"},"id":"…"}</c>.</summary>
internal sealed class V2ErrorEnvelope
{
    [JsonPropertyName("error")]
    public V2Error? Error { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }
}

/// <summary>The <c>error</c> member of a V2 error body.</summary>
internal sealed class V2Error
{
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }
}
