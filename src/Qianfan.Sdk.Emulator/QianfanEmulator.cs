using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.V2;

namespace Qianfan.Sdk.Emulator;

/// <summary>
/// An offline look-alike of Baidu Qianfan's service on a loopback port: the V1 API (OAuth tokens, chat in sync and
/// stream mode for every catalog endpoint and custom ones, <c>bce-auth-v1</c> signed calls), the V2 OpenAI-compatible
/// chat API (<c>/v2/chat/completions</c>, with tools), the other model APIs (V1 completions, embeddings, rerank,
/// text2image and tokenizer; V2 embeddings, rerankers and image generation, whose URLs it serves itself), IAM's
/// bearer-token endpoint (<c>/v1/BCE-BEARER/token</c>), and Alibaba DashScope's native API under <c>/api/v1</c> (Qwen
/// text generation, Wanx image synthesis as asynchronous tasks; <see cref="DashScopeBaseUri"/>, <see cref="DashScopeApiKey"/>),
/// and Zhipu AI's API v4 under <c>/api/paas/v4</c> (GLM chat, asynchronous chat tasks, CogView; <see cref="ZhipuBaseUri"/>,
/// <see cref="ZhipuApiKey"/>, checked as the key or a JWT signed with it),
/// with the service's validation and error codes, rate-limit headers, switchable <see cref="Scenarios"/> and a
/// recording of every request. It behaves as the service's documentation describes, so a client tested against it is
/// tested against the service's rules.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions(), cancellationToken);
/// // V1: point the client at emulator.BaseUrl with emulator.ApiKey / emulator.SecretKey
/// // V2: POST {emulator.BaseUrl}/v2/chat/completions with "Authorization: Bearer " + emulator.V2ApiKey
/// </code>
/// </example>
public sealed class QianfanEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorState _state;
    private readonly V2State _v2;
    private int _disposed;

    private QianfanEmulator(WebApplication app, EmulatorState state, V2State v2, Uri baseUri, string dashScopeApiKey, string zhipuApiKey)
    {
        _app = app;
        _state = state;
        _v2 = v2;
        BaseUri = baseUri;
        BaseUrl = baseUri.GetLeftPart(UriPartial.Authority);
        DashScopeApiKey = dashScopeApiKey;
        DashScopeBaseUri = new Uri(BaseUrl + DashScope.DashScopePaths.Base);
        ZhipuApiKey = zhipuApiKey;
        ZhipuBaseUri = new Uri(BaseUrl + Zhipu.ZhipuPaths.Base);
    }

    /// <summary>Where the emulator listens, without a trailing slash, e.g. <c>http://127.0.0.1:54321</c> (the port actually bound).</summary>
    public string BaseUrl { get; }

    /// <summary><see cref="BaseUrl"/> as a <see cref="Uri"/>, for <see cref="HttpClient.BaseAddress"/> and the like.</summary>
    public Uri BaseUri { get; }

    /// <summary>The API Key (<c>client_id</c>) the token endpoint accepts.</summary>
    public string ApiKey => _state.ApiKey;

    /// <summary>The Secret Key (<c>client_secret</c>) the token endpoint accepts.</summary>
    public string SecretKey => _state.SecretKey;

    /// <summary>
    /// The IAM Access Key a <c>bce-auth-v1</c> signed call must use: a V1 or V2 chat call without an access token or API
    /// Key, and every call to the bearer-token endpoint <c>/v1/BCE-BEARER/token</c>.
    /// </summary>
    public string IamAccessKey => _state.IamAccessKey;

    /// <summary>The IAM Secret Key <c>bce-auth-v1</c> signatures are checked with.</summary>
    public string IamSecretKey => _state.IamSecretKey;

    /// <summary>
    /// The V2 API Key <c>/v2/chat/completions</c> accepts as <c>Authorization: Bearer {key}</c> (bearer tokens from
    /// <c>/v1/BCE-BEARER/token</c> work too, until they expire).
    /// </summary>
    public string V2ApiKey => _v2.V2ApiKey;

    /// <summary>
    /// The DashScope API key the <c>/api/v1</c> routes accept as <c>Authorization: Bearer {key}</c> (Qwen text
    /// generation, Wanx image synthesis and its tasks).
    /// </summary>
    public string DashScopeApiKey { get; }

    /// <summary>The DashScope native API's base URL on this emulator, <c>{BaseUrl}/api/v1</c>: a DashScope client's <c>BaseUrl</c>.</summary>
    public Uri DashScopeBaseUri { get; }

    /// <summary>
    /// The Zhipu API key (<c>{id}.{secret}</c>) the <c>/api/paas/v4</c> routes accept as <c>Authorization: Bearer {key}</c>,
    /// itself or as the key of a self-signed JWT (GLM chat, asynchronous chat, CogView).
    /// </summary>
    public string ZhipuApiKey { get; }

    /// <summary>Zhipu API v4's base URL on this emulator, <c>{BaseUrl}/api/paas/v4</c>: a Zhipu client's <c>BaseUrl</c>.</summary>
    public Uri ZhipuBaseUri { get; }

    /// <summary>The run-time switches for faults and limits; see <see cref="EmulatorScenarios"/>.</summary>
    public EmulatorScenarios Scenarios => _state.Scenarios;

    /// <summary>A snapshot, in arrival order, of every request received so far (token, chat, V2, bearer-token and any other path).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _state.Log.Snapshot();

    /// <summary>Every chat endpoint served: the catalog's and the custom ones, by endpoint suffix.</summary>
    public IReadOnlyDictionary<string, Models.ModelSpec> Endpoints => _state.Endpoints;

    /// <summary>Starts an emulator and returns once it accepts connections.</summary>
    /// <param name="options">Address, credentials and endpoints; null for the defaults (loopback, OS-chosen port).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentException">An option is invalid (e.g. an empty key or a host that is not an IP address).</exception>
    public static async Task<QianfanEmulator> StartAsync(QianfanEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new QianfanEmulatorOptions();
        Validate(options);
        var state = new EmulatorState(options);
        var v2 = new V2State(options);
        var app = EmulatorApplication.Build(options, state, v2);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new QianfanEmulator(app, state, v2, new Uri(address), options.DashScopeApiKey, options.ZhipuApiKey);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            state.Dispose();
            throw;
        }
    }

    /// <summary>Forgets the requests recorded so far (sequence numbers keep counting).</summary>
    public void ClearRequests() => _state.Log.Clear();

    /// <summary>
    /// Issues an access token directly, as a successful exchange would, for clients configured with a ready token;
    /// nothing is recorded.
    /// </summary>
    public string CreateAccessToken() => _state.Tokens.Issue().Value;

    /// <summary>
    /// Issues a V2 bearer token directly, as a successful <c>/v1/BCE-BEARER/token</c> call would; nothing is recorded.
    /// </summary>
    /// <param name="lifetime">How long it stays valid, by the emulator's clock; null for one day. Capped at 30 days.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is shorter than one second.</exception>
    public string CreateBearerToken(TimeSpan? lifetime = null)
    {
        var seconds = (long)(lifetime ?? TimeSpan.FromSeconds(BearerTokenEndpoint.DefaultLifetimeSeconds)).TotalSeconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1, nameof(lifetime));
        return _v2.BearerTokens.Issue(Math.Min(seconds, BearerTokenEndpoint.MaxLifetimeSeconds)).Value;
    }

    /// <summary>Stops listening, ends delayed and held answers at once, and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _state.Stop();
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _state.Dispose();
    }

    private static void Validate(QianfanEmulatorOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(options.ApiKey, nameof(options.ApiKey));
        ArgumentException.ThrowIfNullOrEmpty(options.SecretKey, nameof(options.SecretKey));
        ArgumentException.ThrowIfNullOrEmpty(options.IamAccessKey, nameof(options.IamAccessKey));
        ArgumentException.ThrowIfNullOrEmpty(options.IamSecretKey, nameof(options.IamSecretKey));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.V2ApiKey, nameof(options.V2ApiKey));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DashScopeApiKey, nameof(options.DashScopeApiKey));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ZhipuApiKey, nameof(options.ZhipuApiKey));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host, nameof(options.Host));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options.Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535, nameof(options.Port));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TokenLifetime, TimeSpan.FromSeconds(1), nameof(options.TokenLifetime));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RequestsPerMinute, 1, nameof(options.RequestsPerMinute));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TokensPerMinute, 1, nameof(options.TokensPerMinute));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options.TimeProvider));
    }
}
