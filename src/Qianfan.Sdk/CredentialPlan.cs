using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Authentication;
using Qianfan.Sdk.Core.Authorization;

namespace Qianfan.Sdk;

/// <summary>
/// Which credentials each API uses, first found wins. V1: a given token provider, a ready access token (falling back
/// to the application's keys when the service rejects it), IAM keys (signing), the application's keys (exchange).
/// V2: a V2 API key (falling back to IAM keys), then IAM keys (a bearer token). An API with none fails its calls at
/// once with a message naming what to set. Tokens the SDK obtains come from a shared store when one is given.
/// </summary>
internal sealed class CredentialPlan
{
    public const string V1Needs = "QIANFAN_AK and QIANFAN_SK (ApiKey, SecretKey), QIANFAN_ACCESS_KEY and QIANFAN_SECRET_KEY (IamAccessKey, IamSecretKey), or QIANFAN_ACCESS_TOKEN (AccessToken)";
    public const string V2Needs = "QIANFAN_API_KEY (V2ApiKey), or QIANFAN_ACCESS_KEY and QIANFAN_SECRET_KEY (IamAccessKey, IamSecretKey)";

    private const string V1Areas = "V1 (chat, completions, embeddings, rerank, images, tokenizer)";
    private const string V2Areas = "V2 (chat completions, embeddings, rerank, images, models)";

    private CredentialPlan(IRequestAuthorizer v1, string v1Way, IRequestAuthorizer v2, string v2Way)
    {
        V1 = v1;
        V2 = v2;
        Description = $"{V1Areas}: {v1Way}; {V2Areas}: {v2Way}";
    }

    public IRequestAuthorizer V1 { get; }

    public IRequestAuthorizer V2 { get; }

    /// <summary>What each API will authenticate with, or what it lacks; names settings, never values.</summary>
    public string Description { get; }

    public static CredentialPlan Create(QianfanCredentials credentials, QianfanOptions options, HttpMessageInvoker http, TimeProvider time, ILogger logger, ISharedTokenStore? sharedTokens = null)
    {
        var exchange = new TokenExchangeSettings(options.BaseUrl, options.AuthTimeout, options.TokenRefreshMargin);
        IAccessTokenProvider? appKeys = credentials.HasAppKeys
            ? new OAuthAccessTokenProvider(http, credentials.ApiKey!, credentials.SecretKey!, exchange, time, logger, sharedTokens)
            : null;
        IAccessTokenProvider? iamBearer = credentials.HasIamKeys
            ? new IamBearerTokenProvider(http, credentials.IamAccessKey!, credentials.IamSecretKey!, options.IamSignatureExpiration, options.BearerTokenLifetime, exchange with { BaseUrl = options.IamBaseUrl }, time, logger, sharedTokens)
            : null;

        (IRequestAuthorizer, string) v1 = credentials switch
        {
            _ when credentials.GetAccessTokenProvider() is { } provider => (new AccessTokenAuthorizer(provider), "the given IAccessTokenProvider"),
            { AccessToken: { Length: > 0 } token } when appKeys is not null =>
                (new AccessTokenAuthorizer(new FallbackTokenProvider(token, appKeys)), "the given access token, then the application's keys"),
            { AccessToken: { Length: > 0 } token } =>
                (new AccessTokenAuthorizer(new StaticAccessTokenProvider(token, "AccessToken (QIANFAN_ACCESS_TOKEN)", "ApiKey and SecretKey (QIANFAN_AK, QIANFAN_SK)")), "the given access token"),
            { HasIamKeys: true } => (new SignatureAuthorizer(credentials.IamAccessKey!, credentials.IamSecretKey!, options.IamSignatureExpiration, time), "IAM signing (bce-auth-v1)"),
            _ when appKeys is not null => (new AccessTokenAuthorizer(appKeys), "access tokens exchanged with the application's keys"),
            _ => (new MissingCredentials($"V1 calls need {V1Needs}; none is set."), $"not configured (set {V1Needs})"),
        };

        (IRequestAuthorizer, string) v2 = credentials switch
        {
            { V2ApiKey: { Length: > 0 } key } when iamBearer is not null =>
                (new BearerAuthorizer(new FallbackTokenProvider(key, iamBearer)), "the V2 API key, then bearer tokens from the IAM keys"),
            { V2ApiKey: { Length: > 0 } key } =>
                (new BearerAuthorizer(new StaticAccessTokenProvider(key, "V2ApiKey (QIANFAN_API_KEY)", "IamAccessKey and IamSecretKey (QIANFAN_ACCESS_KEY, QIANFAN_SECRET_KEY)")), "the V2 API key"),
            _ when iamBearer is not null => (new BearerAuthorizer(iamBearer), "bearer tokens from the IAM keys"),
            _ => (new MissingCredentials($"V2 calls need {V2Needs}; none is set."), $"not configured (set {V2Needs})"),
        };

        return new CredentialPlan(v1.Item1, v1.Item2, v2.Item1, v2.Item2);
    }
}
