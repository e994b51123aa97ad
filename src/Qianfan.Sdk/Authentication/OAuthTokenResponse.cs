using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Authentication;

/// <summary>The answer of <c>/oauth/2.0/token</c>: a token on success, <c>error</c> and <c>error_description</c> otherwise.</summary>
internal sealed class OAuthTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("expires_in")]
    public long ExpiresIn { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }
}
