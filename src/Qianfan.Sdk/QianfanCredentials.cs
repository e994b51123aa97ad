using Qianfan.Sdk.Authentication;

namespace Qianfan.Sdk;

/// <summary>
/// Who the client is to Qianfan. Give one kind per API, or several: V1 (<c>wenxinworkshop</c>) takes the
/// application's <see cref="ApiKey"/> and <see cref="SecretKey"/> (exchanged for an access token), IAM keys (each
/// request signed), a ready <see cref="AccessToken"/> or an <see cref="IAccessTokenProvider"/>; V2 takes a
/// <see cref="V2ApiKey"/> or IAM keys (a bearer token obtained with them). No value is ever logged or printed.
/// </summary>
public sealed class QianfanCredentials
{
    /// <summary>Credentials set property by property (or bound from configuration: <c>Qianfan:ApiKey</c> …).</summary>
    public QianfanCredentials()
    {
    }

    /// <summary>V1 access tokens from your own source (a shared cache, a token service) instead of the built-in exchange.</summary>
    public QianfanCredentials(IAccessTokenProvider accessTokenProvider)
    {
        ArgumentNullException.ThrowIfNull(accessTokenProvider);
        _accessTokenProvider = accessTokenProvider;
    }

    /// <summary>The application's API Key (<c>QIANFAN_AK</c>), exchanged with <see cref="SecretKey"/> for a V1 access token.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The application's Secret Key (<c>QIANFAN_SK</c>).</summary>
    public string? SecretKey { get; set; }

    /// <summary>
    /// A ready V1 access token (<c>QIANFAN_ACCESS_TOKEN</c>), used as is. It cannot be renewed: when the service rejects
    /// it, the call fails saying so, unless <see cref="ApiKey"/> and <see cref="SecretKey"/> are set too, in which case
    /// the SDK exchanges them and carries on.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// An IAM Access Key (<c>QIANFAN_ACCESS_KEY</c>), with <see cref="IamSecretKey"/>: V1 requests are then signed with
    /// <c>bce-auth-v1</c>, and V2 requests carry a bearer token obtained with them. Preferred over the application's keys.
    /// </summary>
    public string? IamAccessKey { get; set; }

    /// <summary>The IAM Secret Key (<c>QIANFAN_SECRET_KEY</c>).</summary>
    public string? IamSecretKey { get; set; }

    /// <summary>A V2 API key from the console (<c>QIANFAN_API_KEY</c>, shaped <c>bce-v3/ALTAK-…</c>), sent as <c>Authorization: Bearer</c>.</summary>
    public string? V2ApiKey { get; set; }

    // A field, not a property: configuration binding must not try to bind it.
    private readonly IAccessTokenProvider? _accessTokenProvider;

    /// <summary>Credentials from the variables Baidu's official SDKs read: <c>QIANFAN_AK</c>, <c>QIANFAN_SK</c>,
    /// <c>QIANFAN_ACCESS_TOKEN</c>, <c>QIANFAN_ACCESS_KEY</c>, <c>QIANFAN_SECRET_KEY</c> and <c>QIANFAN_API_KEY</c>.</summary>
    public static QianfanCredentials FromEnvironment()
    {
        var credentials = new QianfanCredentials();
        QianfanEnvironment.Apply(credentials, Environment.GetEnvironmentVariable);
        return credentials;
    }

    /// <summary>Where V1 access tokens come from instead, when given to the constructor; wins over every V1 key.</summary>
    internal IAccessTokenProvider? GetAccessTokenProvider() => _accessTokenProvider;

    internal bool HasAppKeys => !string.IsNullOrEmpty(ApiKey) && !string.IsNullOrEmpty(SecretKey);

    internal bool HasIamKeys => !string.IsNullOrEmpty(IamAccessKey) && !string.IsNullOrEmpty(IamSecretKey);

    /// <summary>Whether V1 calls can authenticate.</summary>
    internal bool HasV1 => _accessTokenProvider is not null || !string.IsNullOrEmpty(AccessToken) || HasIamKeys || HasAppKeys;

    /// <summary>Whether V2 calls can authenticate.</summary>
    internal bool HasV2 => !string.IsNullOrEmpty(V2ApiKey) || HasIamKeys;

    /// <summary>Whether any value is set, even half a pair.</summary>
    internal bool IsEmpty => _accessTokenProvider is null && string.IsNullOrEmpty(ApiKey) && string.IsNullOrEmpty(SecretKey)
        && string.IsNullOrEmpty(AccessToken) && string.IsNullOrEmpty(IamAccessKey) && string.IsNullOrEmpty(IamSecretKey) && string.IsNullOrEmpty(V2ApiKey);

    /// <summary>Which credentials are set, every value masked.</summary>
    public override string ToString() =>
        $"ApiKey={Mask(ApiKey)}, SecretKey={Mask(SecretKey)}, AccessToken={Mask(AccessToken)}, IamAccessKey={Mask(IamAccessKey)}, " +
        $"IamSecretKey={Mask(IamSecretKey)}, V2ApiKey={Mask(V2ApiKey)}{(_accessTokenProvider is null ? "" : ", AccessTokenProvider=(given)")}";

    private static string Mask(string? secret) => string.IsNullOrEmpty(secret) ? "(none)" : "***";
}
