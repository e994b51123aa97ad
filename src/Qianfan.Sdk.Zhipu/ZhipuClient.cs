using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qianfan.Sdk.Core.Authorization;
using Qianfan.Sdk.Core.Fleet;
using Qianfan.Sdk.Core.Pipeline;
using Qianfan.Sdk.Zhipu.Authentication;
using Qianfan.Sdk.Zhipu.Chat;
using Qianfan.Sdk.Zhipu.Errors;
using Qianfan.Sdk.Zhipu.Images;
using Qianfan.Sdk.Zhipu.Protocol;

namespace Qianfan.Sdk.Zhipu;

/// <summary>
/// The way in to Zhipu AI's open platform (bigmodel.cn, or Z.AI internationally): one per application (or per key and
/// region), shared by all callers. It owns the HTTP pipeline, the JWT cache and the client-side limits, and hands out
/// one client per area: chat, asynchronous chat, images.
/// </summary>
public partial class ZhipuClient : IDisposable
{
    private readonly SocketsHttpHandler? _ownedHandler;
    private readonly ClientLimits? _limits;

    /// <summary>For mocking in tests.</summary>
    protected ZhipuClient()
    {
        Chat = null!;
        AsyncChat = null!;
        Images = null!;
        BaseUrl = new Uri(ZhipuOptions.ChinaBaseUrl);
    }

    /// <summary>Creates a client.</summary>
    /// <param name="credentials">The API key.</param>
    /// <param name="options">Region or host, how the key is sent, timeouts, retries, limits and polling; null for the defaults. Read once.</param>
    /// <param name="httpClient">The HttpClient to send with (e.g. from IHttpClientFactory); null sends straight through a
    /// handler the client creates and owns. Its <c>Timeout</c> should be infinite: the SDK's timeouts apply per attempt.</param>
    /// <param name="loggerFactory">Where the SDK logs (categories <c>Qianfan.Sdk.Zhipu.*</c>); the key is never logged.</param>
    /// <param name="timeProvider">The clock for timeouts, retries, limits, polling and JWT expiry; null is the system clock.</param>
    /// <exception cref="ArgumentException">The settings are inconsistent, or no key is given (the message names what to set, never the key).</exception>
    public ZhipuClient(
        ZhipuCredentials credentials,
        ZhipuOptions? options = null,
        HttpClient? httpClient = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
        : this(credentials, options, httpClient, loggerFactory, timeProvider, fleet: null)
    {
    }

    /// <summary>
    /// Creates a client whose limits <paramref name="fleet"/> shares with the application's other instances (what
    /// <c>AddZhipu(…).UseRedis(…)</c> registers); null keeps them in the process. Each instance signs its own JWTs
    /// from the key, so only the limits are shared, never a token.
    /// </summary>
    internal ZhipuClient(
        ZhipuCredentials credentials,
        ZhipuOptions? options,
        HttpClient? httpClient,
        ILoggerFactory? loggerFactory,
        TimeProvider? timeProvider,
        FleetServices? fleet)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        options ??= new ZhipuOptions();
        ZhipuSettingsValidator.ThrowIfInvalid(ZhipuSettingsValidator.Errors(options), nameof(options));
        ZhipuSettingsValidator.ThrowIfInvalid(ZhipuSettingsValidator.Errors(credentials, options), nameof(credentials));
        loggerFactory ??= NullLoggerFactory.Instance;
        timeProvider ??= TimeProvider.System;
        var sender = SdkHttpHandler.SenderFor(httpClient, out _ownedHandler);

        var key = credentials.ApiKey!.Trim();
        IRequestAuthorizer authorizer = options.Authentication == ZhipuAuthentication.Jwt
            ? new JwtAuthorizer(key, options.JwtLifetime, options.JwtRefreshMargin, timeProvider, loggerFactory.CreateLogger("Qianfan.Sdk.Zhipu.Authentication"))
            : new StaticBearerAuthorizer(key, "Bearer (the Zhipu API key)");
        BaseUrl = options.EffectiveBaseUrl;
        var logger = loggerFactory.CreateLogger("Qianfan.Sdk.Zhipu");
        LogReady(logger, BaseUrl, options.Authentication);

        // One budget per key and host: a key's limits are its account's, and each region's accounts are their own.
        _limits = ClientLimits.Create(options.RateLimits, timeProvider, static message => new ZhipuRateLimitExceededException(message), fleet, "zhipu", BaseUrl.Host, key);
        var settings = new PipelineSettings(options.Timeout, options.EffectiveStreamIdleTimeout, options.Retry);
        var api = new ZhipuApi(new ApiPipeline(sender, ZhipuProfile.Instance, authorizer, settings, _limits.Limiter, timeProvider), BaseUrl, loggerFactory, timeProvider);
        var polling = new Core.TaskPollingOptions
        {
            Interval = options.TaskPolling.Interval,
            BackoffFactor = options.TaskPolling.BackoffFactor,
            MaxInterval = options.TaskPolling.MaxInterval,
            Timeout = options.TaskPolling.Timeout,
        };

        Chat = new ChatCompletionsClient(api);
        AsyncChat = new AsyncChatClient(api, polling);
        Images = new ImagesClient(api);
    }

    /// <summary>Chat completions (<c>/chat/completions</c>): one-shot and streamed replies, tools, reasoning.</summary>
    public virtual ChatCompletionsClient Chat { get; }

    /// <summary>Asynchronous chat (<c>/async/chat/completions</c>, <c>/async-result/{id}</c>): a task submitted, then polled.</summary>
    public virtual AsyncChatClient AsyncChat { get; }

    /// <summary>CogView images (<c>/images/generations</c>): a picture from a prompt, as a URL.</summary>
    public virtual ImagesClient Images { get; }

    /// <summary>The base URL this client calls, e.g. <c>https://open.bigmodel.cn/api/paas/v4</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>
    /// Releases the HTTP handler the client created for itself (an HttpClient given to it is left alone). Calls in
    /// flight run to their end, each still bounded by its timeouts; later calls throw ObjectDisposedException.
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
            _limits?.Dispose();
            _ownedHandler?.Dispose();
        }
    }


    [LoggerMessage(Level = LogLevel.Information, Message = "Zhipu client ready: {BaseUrl}, the API key sent as {Authentication}")]
    private static partial void LogReady(ILogger logger, Uri baseUrl, ZhipuAuthentication authentication);
}
