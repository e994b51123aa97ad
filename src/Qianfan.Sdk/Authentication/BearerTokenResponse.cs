using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Authentication;

/// <summary>The answer of IAM's <c>/v1/BCE-BEARER/token</c>: a token and its expiry, or a BCE error.</summary>
internal sealed class BearerTokenResponse
{
    [JsonPropertyName("token")]
    public string? Token { get; init; }

    [JsonPropertyName("expireTime")]
    public DateTimeOffset? ExpireTime { get; init; }

    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
