using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qianfan.Sdk.Authentication;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Http;

namespace Qianfan.Sdk;

/// <summary>
/// The way in to Qianfan: one per application (or per set of credentials), shared by all callers. It owns the HTTP
/// pipeline and the token cache; <see cref="Chat"/> sends chat calls.
/// </summary>
public class QianfanClient : IDisposable
{
    private readonly HttpClient? _ownedHttpClient;
    private readonly QianfanTransport? _transport;

    /// <summary>For mocking in tests.</summary>
    protected QianfanClient()
    {
        Chat = null!;
    }

    /// <summary>Creates a client.</summary>
    /// <param name="options">Base URL, credentials and timeouts. Read once; later changes have no effect.</param>
    /// <param name="httpClient">The HttpClient to send with (e.g. from IHttpClientFactory); null creates and owns one.</param>
    /// <param name="tokenProvider">Where access tokens come from; null uses <see cref="QianfanOptions.AccessToken"/> or
    /// exchanges <see cref="QianfanOptions.ApiKey"/> and <see cref="QianfanOptions.SecretKey"/>.</param>
    /// <param name="loggerFactory">Where the SDK logs (categories <c>Qianfan.Sdk.*</c>); secrets are never logged.</param>
    /// <param name="timeProvider">The clock for token expiry; null is the system clock.</param>
    /// <exception cref="ArgumentException">The options are incomplete or inconsistent.</exception>
    public QianfanClient(
        QianfanOptions options,
        HttpClient? httpClient = null,
        IAccessTokenProvider? tokenProvider = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;
        if (httpClient is null)
        {
            _ownedHttpClient = CreateHttpClient();
            httpClient = _ownedHttpClient;
        }

        timeProvider ??= TimeProvider.System;
        tokenProvider ??= CreateTokenProvider(options, httpClient, timeProvider, loggerFactory);
        _transport = new QianfanTransport(httpClient, options, tokenProvider, timeProvider, loggerFactory.CreateLogger("Qianfan.Sdk.Chat"));
        Chat = new ChatClient(_transport, loggerFactory.CreateLogger("Qianfan.Sdk.Chat"));
    }

    /// <summary>V1 chat: one-shot and streamed replies.</summary>
    public virtual ChatClient Chat { get; }

    /// <summary>Releases the HttpClient the client created for itself (one given to it is left alone).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases owned resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _transport?.Dispose();
            _ownedHttpClient?.Dispose();
        }
    }

    private static IAccessTokenProvider CreateTokenProvider(QianfanOptions options, HttpClient http, TimeProvider time, ILoggerFactory loggerFactory)
    {
        if (!string.IsNullOrEmpty(options.AccessToken))
        {
            return new StaticAccessTokenProvider(options.AccessToken);
        }

        if (string.IsNullOrEmpty(options.ApiKey))
        {
            throw new ArgumentException(
                "QianfanOptions needs credentials: ApiKey and SecretKey (QIANFAN_AK / QIANFAN_SK), or AccessToken (QIANFAN_ACCESS_TOKEN).",
                nameof(options));
        }

        return new OAuthAccessTokenProvider(http, options, time, loggerFactory.CreateLogger("Qianfan.Sdk.Authentication"));
    }

    /// <summary>The primary handler: pooled connections renewed every few minutes, so a long-lived client follows DNS.</summary>
    internal static SocketsHttpHandler CreateHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
    };

    private static HttpClient CreateHttpClient() =>
        new(CreateHandler())
        {
            // Timeouts are the SDK's own (QianfanOptions.Timeout), which also cover reading the body.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
}
