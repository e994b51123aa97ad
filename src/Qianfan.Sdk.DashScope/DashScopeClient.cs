using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Authorization;
using Qianfan.Sdk.Core.Fleet;
using Qianfan.Sdk.Core.Pipeline;
using Qianfan.Sdk.DashScope.Errors;
using Qianfan.Sdk.DashScope.Generation;
using Qianfan.Sdk.DashScope.Images;
using Qianfan.Sdk.DashScope.Protocol;
using Qianfan.Sdk.DashScope.Tasks;

namespace Qianfan.Sdk.DashScope;

/// <summary>
/// The way in to DashScope: one per application (or per key and region), shared by all callers. It owns the HTTP
/// pipeline and the client-side limits, and hands out one client per area: <see cref="Generation"/> (Qwen),
/// <see cref="Images"/> (Wanx) and <see cref="Tasks"/>. Its region and host are its own, never process-wide.
/// </summary>
public partial class DashScopeClient : IDisposable
{
    private readonly SocketsHttpHandler? _ownedHandler;
    private readonly ClientLimits? _limits;

    /// <summary>For mocking in tests.</summary>
    protected DashScopeClient()
    {
        Generation = null!;
        Images = null!;
        Tasks = null!;
        BaseUrl = new Uri(DashScopeOptions.ChinaBaseUrl);
    }

    /// <summary>Creates a client.</summary>
    /// <param name="credentials">The API key, of the region the client talks to.</param>
    /// <param name="options">Region or host, timeouts, retries, limits and task polling; null for the defaults. Read once.</param>
    /// <param name="httpClient">The HttpClient to send with (e.g. from IHttpClientFactory); null sends straight through a
    /// handler the client creates and owns. Its <c>Timeout</c> should be infinite: the SDK's timeouts apply per attempt.</param>
    /// <param name="loggerFactory">Where the SDK logs (categories <c>Qianfan.Sdk.DashScope.*</c>); the key is never logged.</param>
    /// <param name="timeProvider">The clock for timeouts, retries, limits and task polling; null is the system clock.</param>
    /// <exception cref="ArgumentException">The settings are inconsistent, or no API key is given.</exception>
    public DashScopeClient(
        DashScopeCredentials credentials,
        DashScopeOptions? options = null,
        HttpClient? httpClient = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
        : this(credentials, options, httpClient, loggerFactory, timeProvider, fleet: null)
    {
    }

    /// <summary>
    /// Creates a client whose limits <paramref name="fleet"/> shares with the application's other instances (what
    /// <c>AddDashScope(…).UseRedis(…)</c> registers); null keeps them in the process. The key is static, so only the
    /// limits are shared, never a token.
    /// </summary>
    internal DashScopeClient(
        DashScopeCredentials credentials,
        DashScopeOptions? options,
        HttpClient? httpClient,
        ILoggerFactory? loggerFactory,
        TimeProvider? timeProvider,
        FleetServices? fleet)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        options ??= new DashScopeOptions();
        DashScopeSettingsValidator.ThrowIfInvalid(DashScopeSettingsValidator.Errors(options), nameof(options));
        DashScopeSettingsValidator.ThrowIfInvalid(DashScopeSettingsValidator.Errors(credentials), nameof(credentials));
        loggerFactory ??= NullLoggerFactory.Instance;
        timeProvider ??= TimeProvider.System;
        var sender = SdkHttpHandler.SenderFor(httpClient, out _ownedHandler);

        BaseUrl = options.EffectiveBaseUrl;
        // One budget per key and host: the key is the account's (regions have keys and quotas of their own).
        _limits = ClientLimits.Create(options.RateLimits, timeProvider, static message => new DashScopeRateLimitExceededException(message), fleet, "dashscope", BaseUrl.Host, credentials.ApiKey);
        var settings = new PipelineSettings(options.Timeout, options.EffectiveStreamIdleTimeout, options.Retry);
        var profile = new DashScopeProfile(BaseUrl.Host, options.WorkspaceId);
        var pipeline = new ApiPipeline(sender, profile, new StaticBearerAuthorizer(credentials.ApiKey!, "Bearer (the DashScope API key)"), settings, _limits.Limiter, timeProvider);
        var api = new DashScopeApi(pipeline, BaseUrl, loggerFactory, timeProvider);
        var polling = new TaskPollingOptions
        {
            Interval = options.TaskPolling.Interval,
            BackoffFactor = options.TaskPolling.BackoffFactor,
            MaxInterval = options.TaskPolling.MaxInterval,
            Timeout = options.TaskPolling.Timeout,
        };

        Generation = new GenerationClient(api);
        Tasks = new TasksClient(api, polling);
        Images = new ImageSynthesisClient(api, Tasks);
        var logger = loggerFactory.CreateLogger("Qianfan.Sdk.DashScope");
        if (logger.IsEnabled(LogLevel.Information))
        {
            LogReady(logger, options.BaseUrl is null ? options.Region.ToString() : "(BaseUrl)", BaseUrl.Host);
        }
    }

    /// <summary>Qwen text generation: one-shot, streamed, by messages or by prompt, in either reply format.</summary>
    public virtual GenerationClient Generation { get; }

    /// <summary>Wanx image synthesis: submit, wait, or both as one operation.</summary>
    public virtual ImageSynthesisClient Images { get; }

    /// <summary>Asynchronous tasks: their state, cancelling, waiting.</summary>
    public virtual TasksClient Tasks { get; }

    /// <summary>The native API's base URL this client talks to (its region's, or the one set).</summary>
    public Uri BaseUrl { get; }

    /// <summary>
    /// Releases the HTTP handler the client created for itself (an HttpClient given to it is left alone). Calls in
    /// flight run to their end; later calls throw ObjectDisposedException.
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


    [LoggerMessage(Level = LogLevel.Information, Message = "DashScope client ready: region {Region}, host {Host}")]
    private static partial void LogReady(ILogger logger, string region, string host);
}
