using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Serialization;

namespace Qianfan.Sdk.Authentication;

/// <summary>
/// Exchanges the application's API Key and Secret Key for an <c>access_token</c> at <c>/oauth/2.0/token</c> and caches
/// it until <see cref="QianfanOptions.TokenRefreshMargin"/> before it expires. Concurrent callers share one in-flight
/// exchange; the cached path allocates nothing.
/// </summary>
internal sealed partial class OAuthAccessTokenProvider : IAccessTokenProvider
{
    private readonly HttpClient _http;
    private readonly string _tokenUrl;
    private readonly TimeSpan _refreshMargin;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private CachedToken? _cached;
    private Task<CachedToken>? _inflight;

    public OAuthAccessTokenProvider(HttpClient http, QianfanOptions options, TimeProvider time, ILogger logger)
    {
        _http = http;
        _refreshMargin = options.TokenRefreshMargin;
        _timeout = options.AuthTimeout;
        _time = time;
        _logger = logger;
        _tokenUrl = string.Concat(
            options.BaseUrl.AbsoluteUri.TrimEnd('/'),
            "/oauth/2.0/token?grant_type=client_credentials&client_id=",
            Uri.EscapeDataString(options.ApiKey!),
            "&client_secret=",
            Uri.EscapeDataString(options.SecretKey!));
    }

    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var cached = Volatile.Read(ref _cached);
        return cached is not null && _time.GetUtcNow() < cached.RefreshAt
            ? new ValueTask<string>(cached.Value)
            : new ValueTask<string>(GetFreshAsync(cancellationToken));
    }

    public void Invalidate(string accessToken)
    {
        lock (_gate)
        {
            if (_cached?.Value == accessToken)
            {
                _cached = null;
                LogInvalidated(_logger);
            }
        }
    }

    private async Task<string> GetFreshAsync(CancellationToken cancellationToken)
    {
        Task<CachedToken> exchange;
        lock (_gate)
        {
            if (_cached is { } cached && _time.GetUtcNow() < cached.RefreshAt)
            {
                return cached.Value;
            }

            // The exchange is shared, so one caller's cancellation must not cancel it for the others.
            exchange = _inflight ??= Task.Run(ExchangeAsync, CancellationToken.None);
        }

        var token = await exchange.WaitAsync(cancellationToken).ConfigureAwait(false);
        return token.Value;
    }

    private async Task<CachedToken> ExchangeAsync()
    {
        try
        {
            LogExchanging(_logger);
            using var timeout = new CancellationTokenSource(_timeout);
            OAuthTokenResponse? body;
            HttpStatusCode status;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _tokenUrl);
                using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                status = response.StatusCode;
                var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                body = ParseBody(bytes, status);
            }
            catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"The token endpoint did not answer within {_timeout.TotalSeconds:0.###} s.", ex);
            }

            if (string.IsNullOrEmpty(body.AccessToken))
            {
                throw new QianfanAuthenticationException(body.Error ?? "invalid_response", body.ErrorDescription ?? "the token endpoint returned no access_token", status);
            }

            var lifetime = TimeSpan.FromSeconds(Math.Max(body.ExpiresIn, 0));
            var margin = lifetime > _refreshMargin * 2 ? _refreshMargin : lifetime / 2;
            var token = new CachedToken(body.AccessToken, _time.GetUtcNow() + lifetime - margin);
            lock (_gate)
            {
                _cached = token;
            }

            LogObtained(_logger, body.ExpiresIn);
            return token;
        }
        finally
        {
            lock (_gate)
            {
                _inflight = null;
            }
        }
    }

    private static OAuthTokenResponse ParseBody(byte[] bytes, HttpStatusCode status)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, QianfanJsonContext.Default.OAuthTokenResponse)
                ?? throw new QianfanAuthenticationException("invalid_response", "the token endpoint returned an empty body", status);
        }
        catch (JsonException ex)
        {
            throw new QianfanAuthenticationException("invalid_response", $"the token endpoint returned a body that is not JSON ({bytes.Length} bytes)", status, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Exchanging the API Key and Secret Key for an access token")]
    private static partial void LogExchanging(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Obtained an access token valid for {ExpiresIn} s")]
    private static partial void LogObtained(ILogger logger, long expiresIn);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped the cached access token the service rejected")]
    private static partial void LogInvalidated(ILogger logger);

    // A class, not a record: a record's ToString would print the token.
    private sealed class CachedToken(string value, DateTimeOffset refreshAt)
    {
        public string Value { get; } = value;

        public DateTimeOffset RefreshAt { get; } = refreshAt;
    }
}
