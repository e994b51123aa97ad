namespace Qianfan.Sdk.Zhipu;

/// <summary>How a client presents its API key (<see cref="ZhipuOptions.Authentication"/>).</summary>
public enum ZhipuAuthentication
{
    /// <summary>The key itself as <c>Authorization: Bearer {id}.{secret}</c>, as the documentation shows; the default.</summary>
    ApiKey,

    /// <summary>
    /// A JWT signed with the key's secret (see <see cref="Authentication.ZhipuJwt"/>), so the secret never travels:
    /// cached, renewed before it expires, and minted again once when the service calls it invalid or expired.
    /// </summary>
    Jwt,
}
