using System.Net;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Core.Authorization;

namespace Qianfan.Sdk.Authentication;

/// <summary>
/// Exchanges the application's API Key and Secret Key for an <c>access_token</c> at <c>/oauth/2.0/token</c> and caches
/// it until a margin before it expires. Concurrent callers share one in-flight
/// exchange; the cached path allocates nothing. With a shared store (Qianfan.Sdk.Redis) the token is the fleet's: kept
/// under a hash of the host and keys, exchanged by one instance at a time.
/// </summary>
internal sealed partial class OAuthAccessTokenProvider : IAccessTokenProvider
{
    private readonly HttpMessageInvoker _http;
    private readonly string _tokenUrl;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SingleFlightTokenCache _cache;

    public OAuthAccessTokenProvider(HttpMessageInvoker http, string apiKey, string secretKey, TokenExchangeSettings settings, TimeProvider time, ILogger logger, ISharedTokenStore? sharedTokens = null)
    {
        _http = http;
        _timeout = settings.Timeout;
        _time = time;
        _logger = logger;
        _tokenUrl = string.Concat(
            settings.BaseUrl.AbsoluteUri.TrimEnd('/'),
            "/oauth/2.0/token?grant_type=client_credentials&client_id=",
            Uri.EscapeDataString(apiKey),
            "&client_secret=",
            Uri.EscapeDataString(secretKey));
        var credential = CredentialKey.Of("qianfan-oauth", settings.BaseUrl.AbsoluteUri, apiKey, secretKey);
        _cache = new SingleFlightTokenCache(ExchangeAsync, settings.RefreshMargin, time, logger, sharedTokens, credential);
    }

    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => _cache.GetAsync(cancellationToken);

    public void Invalidate(string accessToken) => _cache.Invalidate(accessToken);

    private async Task<IssuedToken> ExchangeAsync()
    {
        LogExchanging(_logger);
        using var timeout = new CancellationTokenSource(_timeout, _time);
        OAuthTokenResponse body;
        HttpStatusCode status;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _tokenUrl);
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            status = response.StatusCode;
            body = await TokenEndpointResponse.ReadAsync(response, AuthenticationJsonContext.Default.OAuthTokenResponse, "the token endpoint", timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"The token endpoint did not answer within {_timeout.TotalSeconds:0.###} s.", ex);
        }

        if (string.IsNullOrEmpty(body.AccessToken))
        {
            throw new QianfanAuthenticationException(body.Error ?? "invalid_response", body.ErrorDescription ?? "the token endpoint returned no access_token", status);
        }

        LogObtained(_logger, body.ExpiresIn);
        var now = _time.GetUtcNow();
        return new IssuedToken(body.AccessToken, now + TimeSpan.FromSeconds(Math.Max(body.ExpiresIn, 0)), now);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Exchanging the API Key and Secret Key for an access token")]
    private static partial void LogExchanging(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Obtained an access token valid for {ExpiresIn} s")]
    private static partial void LogObtained(ILogger logger, long expiresIn);
}
