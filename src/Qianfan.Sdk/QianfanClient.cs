using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Completions;
using Qianfan.Sdk.Embeddings;
using Qianfan.Sdk.Images;
using Qianfan.Sdk.Rerank;
using Qianfan.Sdk.Tokenizer;
using Qianfan.Sdk.Core.Fleet;
using Qianfan.Sdk.Core.Pipeline;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk;

/// <summary>
/// The way in to Qianfan: one per application (or per set of credentials), shared by all callers. It owns the HTTP
/// pipeline, the token caches and the client-side limits, and hands out one client per area, V1 and V2.
/// </summary>
public partial class QianfanClient : IDisposable
{
    private readonly SocketsHttpHandler? _ownedHandler;
    private readonly ClientLimits? _limits;

    // Area clients to the QianfanClient that made them: an entry lives as long as its area client and keeps nothing else alive.
    private static readonly ConditionalWeakTable<object, QianfanClient> Owners = new();

    /// <summary>For mocking in tests.</summary>
    protected QianfanClient()
    {
        Chat = null!;
        ChatCompletions = null!;
        Completions = null!;
        Embeddings = null!;
        EmbeddingsV2 = null!;
        Rerank = null!;
        RerankV2 = null!;
        Images = null!;
        ImagesV2 = null!;
        Tokenizer = null!;
        Models = null!;
    }

    /// <summary>Creates a client.</summary>
    /// <param name="credentials">Who the client is: keys, tokens or a token provider, for V1, V2 or both.</param>
    /// <param name="options">Hosts, timeouts, retries and limits; null for the defaults. Read once.</param>
    /// <param name="httpClient">The HttpClient to send with (e.g. from IHttpClientFactory); null sends straight through a
    /// handler the client creates and owns. Its <c>Timeout</c> should be infinite: the SDK's timeouts apply per attempt.</param>
    /// <param name="loggerFactory">Where the SDK logs (categories <c>Qianfan.Sdk.*</c>); secrets are never logged.</param>
    /// <param name="timeProvider">The clock for timeouts, retries, limits and token expiry; null is the system clock.</param>
    /// <exception cref="ArgumentException">The settings are inconsistent, or no credential is given.</exception>
    public QianfanClient(
        QianfanCredentials credentials,
        QianfanOptions? options = null,
        HttpClient? httpClient = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
        : this(credentials, options, httpClient, loggerFactory, timeProvider, fleet: null)
    {
    }

    /// <summary>
    /// Creates a client whose tokens and limits <paramref name="fleet"/> shares with the application's other instances
    /// (what <c>AddQianfan(…).UseRedis(…)</c> registers); null keeps them in the process.
    /// </summary>
    internal QianfanClient(
        QianfanCredentials credentials,
        QianfanOptions? options,
        HttpClient? httpClient,
        ILoggerFactory? loggerFactory,
        TimeProvider? timeProvider,
        FleetServices? fleet)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        options ??= new QianfanOptions();
        QianfanSettingsValidator.ThrowIfInvalid(QianfanSettingsValidator.Errors(options), nameof(options));
        QianfanSettingsValidator.ThrowIfInvalid(QianfanSettingsValidator.Errors(credentials, requireAny: true), nameof(credentials));
        loggerFactory ??= NullLoggerFactory.Instance;
        timeProvider ??= TimeProvider.System;
        var sender = SdkHttpHandler.SenderFor(httpClient, out _ownedHandler);

        var plan = CredentialPlan.Create(credentials, options, sender, timeProvider, loggerFactory.CreateLogger("Qianfan.Sdk.Authentication"), fleet?.Tokens);
        var logger = loggerFactory.CreateLogger("Qianfan.Sdk");
        var description = plan.Description;
        LogCredentials(logger, description);

        Func<string, Exception> queueFull = static message => new QianfanRateLimitExceededException(message);
        _limits = ClientLimits.Create(options.RateLimits, timeProvider, queueFull, fleet, "qianfan", LimitAccount(credentials));
        var settings = new PipelineSettings(options.Timeout, options.EffectiveStreamIdleTimeout, options.Retry);
        var v1 = new QianfanApi(new ApiPipeline(sender, QianfanProfile.Instance, plan.V1, settings, _limits.Limiter, timeProvider), options.BaseUrl, loggerFactory);
        var v2 = new QianfanApi(new ApiPipeline(sender, QianfanProfile.Instance, plan.V2, settings, _limits.Limiter, timeProvider), options.V2BaseUrl, loggerFactory);

        V1Endpoint = options.BaseUrl;
        V2Endpoint = options.V2BaseUrl;
        Chat = new ChatClient(v1);
        ChatCompletions = new ChatCompletionsClient(v2);
        Completions = new CompletionsClient(v1);
        Embeddings = new EmbeddingsClient(v1);
        EmbeddingsV2 = new EmbeddingsV2Client(v2);
        Rerank = new RerankClient(v1);
        RerankV2 = new RerankV2Client(v2);
        Images = new ImagesClient(v1);
        ImagesV2 = new ImagesV2Client(v2);
        Tokenizer = new TokenizerClient(v1);
        Models = new ModelsClient(v2, timeProvider);
        foreach (var area in (object[])[Chat, ChatCompletions, Embeddings, EmbeddingsV2])
        {
            Owners.AddOrUpdate(area, this);
        }
    }

    /// <summary>V1 chat (<c>wenxinworkshop/chat/{endpoint}</c>): one-shot and streamed replies.</summary>
    public virtual ChatClient Chat { get; }

    /// <summary>V2 chat (<c>/v2/chat/completions</c>, OpenAI-compatible): one-shot and streamed replies, tools.</summary>
    public virtual ChatCompletionsClient ChatCompletions { get; }

    /// <summary>V1 completions (续写, <c>completions/{endpoint}</c>): continue a prompt, whole or streamed.</summary>
    public virtual CompletionsClient Completions { get; }

    /// <summary>V1 embeddings (<c>embeddings/{model}</c>): texts to vectors.</summary>
    public virtual EmbeddingsClient Embeddings { get; }

    /// <summary>V2 embeddings (<c>/v2/embeddings</c>): texts to vectors.</summary>
    public virtual EmbeddingsV2Client EmbeddingsV2 { get; }

    /// <summary>V1 rerank (<c>reranker/bce_reranker_base</c>): documents ordered by relevance to a query.</summary>
    public virtual RerankClient Rerank { get; }

    /// <summary>V2 rerank (<c>/v2/rerankers</c>): documents ordered by relevance to a query.</summary>
    public virtual RerankV2Client RerankV2 { get; }

    /// <summary>V1 images (<c>text2image/sd_xl</c>): pictures from a prompt, as PNG bytes.</summary>
    public virtual ImagesClient Images { get; }

    /// <summary>V2 images (<c>/v2/images/generations</c>): pictures from a prompt, as addresses.</summary>
    public virtual ImagesV2Client ImagesV2 { get; }

    /// <summary>Token counting (<c>tokenizer/erniebot</c>), and the offline estimate.</summary>
    public virtual TokenizerClient Tokenizer { get; }

    /// <summary>V2's live model catalog (<c>GET /v2/models</c>), cached; <see cref="ModelCatalog"/> is the static one.</summary>
    public virtual ModelsClient Models { get; }

    /// <summary>The V1 host, for the metadata the Microsoft.Extensions.AI adapters report.</summary>
    internal Uri? V1Endpoint { get; }

    /// <summary>The V2 host, for the metadata the Microsoft.Extensions.AI adapters report.</summary>
    internal Uri? V2Endpoint { get; }

    /// <summary>
    /// The client that handed out <paramref name="area"/> (its chat and embeddings clients), so an adapter made from an
    /// area client still reports its host and answers <c>GetService(typeof(QianfanClient))</c>; null for one made
    /// otherwise (a test's substitute).
    /// </summary>
    internal static QianfanClient? OwnerOf(object area) => Owners.TryGetValue(area, out var owner) ? owner : null;

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


    /// <summary>
    /// What names the account's budget in a shared store (hashed by <see cref="ClientLimits.Scope"/>): the identities
    /// the client holds (the application's API Key, the IAM Access Key, the V2 API key; a ready token only when nothing
    /// else names the account), so every instance configured with the same credentials spends one budget, and the
    /// store never sees a credential.
    /// </summary>
    private static string?[] LimitAccount(QianfanCredentials credentials)
    {
        var named = credentials.ApiKey is { Length: > 0 } || credentials.IamAccessKey is { Length: > 0 } || credentials.V2ApiKey is { Length: > 0 };
        return [credentials.ApiKey, credentials.IamAccessKey, credentials.V2ApiKey, named ? null : credentials.AccessToken];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Qianfan client ready: {Credentials}")]
    private static partial void LogCredentials(ILogger logger, string credentials);
}
