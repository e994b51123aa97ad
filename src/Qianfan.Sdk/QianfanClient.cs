using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qianfan.Sdk.Authentication;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Http;
using Qianfan.Sdk.V2;

namespace Qianfan.Sdk;

/// <summary>
/// The way in to Qianfan: one per application (or per set of credentials), shared by all callers. It owns the HTTP
/// pipeline and the token cache; <see cref="Chat"/> sends chat calls.
/// </summary>
public class QianfanClient : IDisposable
{
    private readonly HttpClient? _ownedHttpClient;
    private readonly HttpMessageHandler? _ownedHandler;
    private readonly ClientRateLimiter? _limiter;

    /// <summary>For mocking in tests.</summary>
    protected QianfanClient()
    {
        Chat = null!;
        ChatCompletions = null!;
    }

    /// <summary>Creates a client.</summary>
    /// <param name="options">Base URL, credentials and timeouts. Read once; later changes have no effect.</param>
    /// <param name="httpClient">The HttpClient to send with (e.g. from IHttpClientFactory). Null creates and owns an HTTP
    /// handler, and chat requests then go straight to it: the SDK's own timeouts and reading make HttpClient's layer
    /// (its linked cancellation source and response buffer) redundant.</param>
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
        timeProvider ??= TimeProvider.System;
        // Chat requests go through `sender`; the rare token exchanges keep an HttpClient.
        HttpMessageInvoker sender;
        if (httpClient is null)
        {
            var handler = CreateHandler();
            _ownedHandler = handler;
            _ownedHttpClient = CreateHttpClient(handler);
            httpClient = _ownedHttpClient;
            sender = new HttpMessageInvoker(handler, disposeHandler: false);
        }
        else
        {
            sender = httpClient;
        }

        var chatLogger = loggerFactory.CreateLogger("Qianfan.Sdk.Chat");
        var authLogger = loggerFactory.CreateLogger("Qianfan.Sdk.Authentication");
        var retry = RetryPolicy.Create(options.Retry, timeProvider, chatLogger);
        _limiter = ClientRateLimiter.Create(options.RateLimits, timeProvider);

        var v1Authorizer = CreateV1Authorizer(options, httpClient, tokenProvider, timeProvider, authLogger);
        var v1 = new QianfanTransport(sender, v1Authorizer, retry, _limiter, options, chatLogger);
        Chat = new ChatClient(v1, options.BaseUrl, chatLogger);

        var v2Authorizer = CreateV2Authorizer(options, httpClient, timeProvider, authLogger);
        var v2 = new QianfanTransport(sender, v2Authorizer, retry, _limiter, options, chatLogger);
        ChatCompletions = new ChatCompletionsClient(v2, options.V2BaseUrl, chatLogger);
    }

    /// <summary>V1 chat (<c>wenxinworkshop</c>): one-shot and streamed replies.</summary>
    public virtual ChatClient Chat { get; }

    /// <summary>V2 chat (<c>/v2/chat/completions</c>, OpenAI-compatible): one-shot and streamed replies, tools.</summary>
    public virtual ChatCompletionsClient ChatCompletions { get; }

    /// <summary>
    /// Releases the HTTP handler the client created for itself (an HttpClient given to it is left alone). Calls in
    /// flight run to their end, each still bounded by its timeouts; later calls throw ObjectDisposedException. Pass a
    /// CancellationToken to stop calls early.
    /// </summary>
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
            _limiter?.Dispose();
            _ownedHttpClient?.Dispose();
            _ownedHandler?.Dispose();
        }
    }

    /// <summary>
    /// V1 credentials, first found wins: a given token provider, a ready access token, IAM keys (signing), the
    /// application's keys (OAuth exchange).
    /// </summary>
    private static IRequestAuthorizer CreateV1Authorizer(QianfanOptions options, HttpClient http, IAccessTokenProvider? tokens, TimeProvider time, ILogger logger)
    {
        if (tokens is not null)
        {
            return new AccessTokenAuthorizer(tokens);
        }

        if (!string.IsNullOrEmpty(options.AccessToken))
        {
            return new AccessTokenAuthorizer(new StaticAccessTokenProvider(options.AccessToken));
        }

        if (options.HasIamKeys)
        {
            return new SignatureAuthorizer(options.IamAccessKey!, options.IamSecretKey!, options.IamSignatureExpiration, time);
        }

        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            return new AccessTokenAuthorizer(new OAuthAccessTokenProvider(http, options, time, logger));
        }

        return options.HasCredentials
            ? new MissingCredentials("V1 chat needs ApiKey and SecretKey (QIANFAN_AK / QIANFAN_SK), IamAccessKey and IamSecretKey (QIANFAN_ACCESS_KEY / QIANFAN_SECRET_KEY), or AccessToken (QIANFAN_ACCESS_TOKEN).")
            : throw new ArgumentException(NoCredentials, nameof(options));
    }

    /// <summary>V2 credentials, first found wins: a V2 API key, then IAM keys (a bearer token from IAM).</summary>
    private static IRequestAuthorizer CreateV2Authorizer(QianfanOptions options, HttpClient http, TimeProvider time, ILogger logger)
    {
        if (!string.IsNullOrEmpty(options.V2ApiKey))
        {
            return new BearerAuthorizer(new StaticAccessTokenProvider(options.V2ApiKey));
        }

        return options.HasIamKeys
            ? new BearerAuthorizer(new IamBearerTokenProvider(http, options, time, logger))
            : new MissingCredentials("V2 chat needs V2ApiKey (QIANFAN_API_KEY) or IamAccessKey and IamSecretKey (QIANFAN_ACCESS_KEY / QIANFAN_SECRET_KEY).");
    }

    private const string NoCredentials =
        "QianfanOptions needs credentials: ApiKey and SecretKey (QIANFAN_AK / QIANFAN_SK), IamAccessKey and IamSecretKey " +
        "(QIANFAN_ACCESS_KEY / QIANFAN_SECRET_KEY), AccessToken (QIANFAN_ACCESS_TOKEN) or V2ApiKey (QIANFAN_API_KEY).";

    /// <summary>The primary handler: pooled connections renewed every few minutes, so a long-lived client follows DNS.</summary>
    internal static SocketsHttpHandler CreateHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
    };

    private static HttpClient CreateHttpClient(HttpMessageHandler handler) =>
        new(handler, disposeHandler: false)
        {
            // Timeouts are the SDK's own (QianfanOptions.Timeout), which also cover reading the body.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
}
