using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Core.Authorization;

namespace Qianfan.Sdk.Authentication;

/// <summary>
/// Obtains a V2 bearer token with the IAM keys (a signed <c>GET /v1/BCE-BEARER/token</c>) and caches it until shortly
/// before its <c>expireTime</c>, one exchange at a time. With a shared store (Qianfan.Sdk.Redis) the token is the
/// fleet's: kept under a hash of the host and keys, obtained by one instance at a time.
/// </summary>
internal sealed partial class IamBearerTokenProvider : IAccessTokenProvider
{
    private readonly HttpMessageInvoker _http;
    private readonly string _tokenUrl;
    private readonly string _accessKey;
    private readonly string _secretKey;
    private readonly int _signatureSeconds;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SingleFlightTokenCache _cache;

    public IamBearerTokenProvider(HttpMessageInvoker http, string accessKey, string secretKey, TimeSpan signatureExpiration, TimeSpan tokenLifetime, TokenExchangeSettings settings, TimeProvider time, ILogger logger, ISharedTokenStore? sharedTokens = null)
    {
        _http = http;
        _accessKey = accessKey;
        _secretKey = secretKey;
        _signatureSeconds = (int)Math.Min(int.MaxValue, signatureExpiration.TotalSeconds);
        _timeout = settings.Timeout;
        _time = time;
        _logger = logger;
        _tokenUrl = string.Create(
            CultureInfo.InvariantCulture,
            $"{settings.BaseUrl.AbsoluteUri.TrimEnd('/')}/v1/BCE-BEARER/token?expireInSeconds={(long)tokenLifetime.TotalSeconds}");
        var credential = CredentialKey.Of("qianfan-iam-bearer", settings.BaseUrl.AbsoluteUri, accessKey, secretKey);
        _cache = new SingleFlightTokenCache(ExchangeAsync, settings.RefreshMargin, time, logger, sharedTokens, credential);
    }

    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => _cache.GetAsync(cancellationToken);

    public void Invalidate(string accessToken) => _cache.Invalidate(accessToken);

    private async Task<IssuedToken> ExchangeAsync()
    {
        LogExchanging(_logger);
        using var timeout = new CancellationTokenSource(_timeout, _time);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _tokenUrl);
            SignatureAuthorizer.Sign(request, _accessKey, _secretKey, _signatureSeconds, _time.GetUtcNow());
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var body = await TokenEndpointResponse.ReadAsync(response, AuthenticationJsonContext.Default.BearerTokenResponse, "the IAM token endpoint", timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || string.IsNullOrEmpty(body.Token) || body.ExpireTime is not { } expires)
            {
                throw new QianfanAuthenticationException(
                    body.Code ?? "invalid_response",
                    body.Message ?? $"the IAM token endpoint answered HTTP {(int)response.StatusCode} without a token",
                    response.StatusCode);
            }

            LogObtained(_logger, expires);
            return new IssuedToken(body.Token, expires, _time.GetUtcNow());
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"The IAM token endpoint did not answer within {_timeout.TotalSeconds:0.###} s.", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Obtaining a V2 bearer token with the IAM keys")]
    private static partial void LogExchanging(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Obtained a V2 bearer token valid until {ExpiresAt:u}")]
    private static partial void LogObtained(ILogger logger, DateTimeOffset expiresAt);
}
