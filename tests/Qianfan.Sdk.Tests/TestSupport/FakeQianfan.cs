using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Qianfan.Sdk.Authentication;
using RichardSzalay.MockHttp;

namespace Qianfan.Sdk.Tests.TestSupport;

/// <summary>
/// The Qianfan service faked with MockHttp: answers the OAuth token endpoint, V1 chat, V2 chat, the IAM bearer
/// token endpoint and every other V1 or V2 API (completions, embeddings, rerank, images, tokenizer) with whatever the
/// test sets, records every request it sees (method, URL, headers, body) and counts
/// them. It owns the fake clock and the log collector the clients it makes use.
/// </summary>
internal sealed class FakeQianfan : IDisposable
{
    public const string DefaultBaseUrl = "https://aip.test";
    public const string V2BaseUrl = "https://qianfan.test";
    public const string IamBaseUrl = "https://iam.test";
    public const string ApiKey = "AK-visible-0123456789";
    public const string SecretKey = "SK-TOP-SECRET-9876543210";
    public const string V2ApiKey = "bce-v3/ALTAK-unit/unit-v2-secret";
    public const string IamAccessKey = "iam-ak";
    public const string IamSecretKey = "iam-sk-that-must-not-leak";
    public const string ChatPath = "/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/";
    public const string TokenPath = "/oauth/2.0/token";
    public const string V2ChatPath = "/v2/chat/completions";
    public const string IamTokenPath = "/v1/BCE-BEARER/token";
    public const string V1Root = "/rpc/2.0/ai_custom/v1/wenxinworkshop/";
    public const string ModelsPath = "/v2/models";

    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _tokenCalls;
    private int _chatCalls;
    private int _v2Calls;
    private int _iamCalls;
    private int _areaCalls;
    private int _modelsCalls;

    public FakeQianfan(string baseUrl = DefaultBaseUrl)
    {
        BaseUrl = new Uri(baseUrl);
        Route(HttpMethod.Post, path => path.EndsWith(TokenPath, StringComparison.Ordinal), () => Interlocked.Increment(ref _tokenCalls), (r, n) => TokenResponder(r, n));
        Route(HttpMethod.Post, path => path.Contains(ChatPath, StringComparison.Ordinal), () => Interlocked.Increment(ref _chatCalls), (r, n) => ChatResponder(r, n));
        Route(HttpMethod.Post, path => path.EndsWith(V2ChatPath, StringComparison.Ordinal), () => Interlocked.Increment(ref _v2Calls), (r, n) => V2Responder(r, n));
        Route(HttpMethod.Get, path => path.EndsWith(IamTokenPath, StringComparison.Ordinal), () => Interlocked.Increment(ref _iamCalls), (r, n) => IamResponder(r, n));
        Route(HttpMethod.Post, IsArea, () => Interlocked.Increment(ref _areaCalls), (r, n) => AreaResponder(r, n));
        Route(HttpMethod.Get, path => path.EndsWith(ModelsPath, StringComparison.Ordinal), () => Interlocked.Increment(ref _modelsCalls), (r, n) => ModelsResponder(r, n));
        Mock.Fallback.Respond(async request =>
        {
            _requests.Enqueue(await RecordedRequest.CaptureAsync(request));
            return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("the fake service has no such route") };
        });
        HttpClient = Mock.ToHttpClient();
        LoggerFactory = new LoggerFactory([new FakeLoggerProvider(Logs)]);
    }

    public Uri BaseUrl { get; }

    public MockHttpMessageHandler Mock { get; } = new();

    public HttpClient HttpClient { get; }

    public ObservedTimeProvider Time { get; } = new();

    /// <summary>Every log record the clients wrote, at every level.</summary>
    public FakeLogCollector Logs { get; } = new();

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Each log record as one line: level, category, message, structured values and exception.</summary>
    public IReadOnlyList<string> LogLines => [.. Logs.GetSnapshot().Select(r =>
        $"{r.Level} {r.Category}: {r.Message} | {string.Join(", ", r.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? [])} | {r.Exception}")];

    /// <summary>Answers the n-th (1-based) token exchange; by default a 30-day token named <c>token-{n}</c>.</summary>
    public Func<RecordedRequest, int, Task<HttpResponseMessage>> TokenResponder { get; set; } =
        (_, n) => Task.FromResult(Responses.Token($"token-{n}"));

    /// <summary>Answers the n-th (1-based) V1 chat call; by default a short reply.</summary>
    public Func<RecordedRequest, int, Task<HttpResponseMessage>> ChatResponder { get; set; } =
        (_, _) => Task.FromResult(Responses.Reply());

    /// <summary>Answers the n-th (1-based) V2 chat call; by default a short completion.</summary>
    public Func<RecordedRequest, int, Task<HttpResponseMessage>> V2Responder { get; set; } =
        (_, _) => Task.FromResult(Responses.Json(Responses.CompletionJson("好")));

    /// <summary>Answers the n-th (1-based) IAM bearer token request; by default a token named <c>bce-v3/ALTAK-t{n}/s</c>.</summary>
    public Func<RecordedRequest, int, Task<HttpResponseMessage>> IamResponder { get; set; } =
        (_, n) => Task.FromResult(Responses.BearerToken($"bce-v3/ALTAK-t{n}/s"));

    /// <summary>Answers the n-th (1-based) call to any other V1 or V2 API (embeddings, rerank …); by default <c>{}</c>.</summary>
    public Func<RecordedRequest, int, Task<HttpResponseMessage>> AreaResponder { get; set; } =
        (_, _) => Task.FromResult(Responses.Json("{}"));
    /// <summary>Answers the n-th (1-based) <c>GET /v2/models</c>; by default two models.</summary>
    public Func<RecordedRequest, int, Task<HttpResponseMessage>> ModelsResponder { get; set; } =
        (_, _) => Task.FromResult(Responses.Json("""{"object":"list","data":[{"id":"ernie-4.5-turbo-128k","object":"model"},{"id":"ernie-x1.1","object":"model"}]}"""));

    /// <summary>Every request the service saw, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> ChatRequests => [.. _requests.Where(r => r.Path.Contains(ChatPath, StringComparison.Ordinal))];

    public IReadOnlyList<RecordedRequest> TokenRequests => [.. _requests.Where(r => r.Path.EndsWith(TokenPath, StringComparison.Ordinal))];

    public IReadOnlyList<RecordedRequest> V2Requests => [.. _requests.Where(r => r.Path.EndsWith(V2ChatPath, StringComparison.Ordinal))];

    public IReadOnlyList<RecordedRequest> ModelsRequests => [.. _requests.Where(r => r.Path.EndsWith(ModelsPath, StringComparison.Ordinal))];

    public IReadOnlyList<RecordedRequest> IamRequests => [.. _requests.Where(r => r.Path.EndsWith(IamTokenPath, StringComparison.Ordinal))];

    /// <summary>The calls to the V1 and V2 APIs other than chat (completions, embeddings, rerank, images, tokenizer).</summary>
    public IReadOnlyList<RecordedRequest> AreaRequests => [.. _requests.Where(r => IsArea(r.Path))];

    /// <summary>Sets a fixed answer for every call to an API other than chat.</summary>
    public void RespondToArea(Func<HttpResponseMessage> response) => AreaResponder = (_, _) => Task.FromResult(response());

    /// <summary>Sets the answers of the calls to APIs other than chat in turn (the last one repeats).</summary>
    public void RespondToAreaInTurn(params Func<HttpResponseMessage>[] responses) =>
        AreaResponder = (_, n) => Task.FromResult(responses[Math.Min(n, responses.Length) - 1]());

    /// <summary>Sets a fixed answer for every V1 chat call.</summary>
    public void RespondToChat(Func<HttpResponseMessage> response) => ChatResponder = (_, _) => Task.FromResult(response());

    /// <summary>Sets the answers of the V1 chat calls in turn (the last one repeats).</summary>
    public void RespondToChatInTurn(params Func<HttpResponseMessage>[] responses) =>
        ChatResponder = (_, n) => Task.FromResult(responses[Math.Min(n, responses.Length) - 1]());

    /// <summary>Sets a fixed answer for every V2 chat call.</summary>
    public void RespondToV2(Func<HttpResponseMessage> response) => V2Responder = (_, _) => Task.FromResult(response());

    /// <summary>Sets the answers of the V2 chat calls in turn (the last one repeats).</summary>
    public void RespondToV2InTurn(params Func<HttpResponseMessage>[] responses) =>
        V2Responder = (_, n) => Task.FromResult(responses[Math.Min(n, responses.Length) - 1]());

    /// <summary>
    /// Settings for this fake with retries off, so every test sees exactly the requests it arranged; the tests of the
    /// client's wiring turn them back on.
    /// </summary>
    public QianfanOptions Options(Action<QianfanOptions>? configure = null)
    {
        var options = new QianfanOptions { BaseUrl = BaseUrl, V2BaseUrl = new Uri(V2BaseUrl), IamBaseUrl = new Uri(IamBaseUrl) };
        options.Retry.MaxRetries = 0;
        configure?.Invoke(options);
        return options;
    }

    /// <summary>The application's API Key and Secret Key (so V1 tokens are exchanged), unless configured otherwise.</summary>
    public static QianfanCredentials Credentials(Action<QianfanCredentials>? configure = null)
    {
        var credentials = new QianfanCredentials { ApiKey = ApiKey, SecretKey = SecretKey };
        configure?.Invoke(credentials);
        return credentials;
    }

    /// <summary>A client on this fake with the application's keys, unless configured otherwise.</summary>
    public QianfanClient CreateClient(Action<QianfanOptions>? configure = null, Action<QianfanCredentials>? credentials = null) =>
        new(Credentials(credentials), Options(configure), HttpClient, LoggerFactory, Time);

    /// <summary>A client whose V1 tokens come from <paramref name="tokenProvider"/>, with the application's keys as well unless configured otherwise.</summary>
    public QianfanClient CreateClient(IAccessTokenProvider tokenProvider, Action<QianfanCredentials>? credentials = null, Action<QianfanOptions>? configure = null)
    {
        var given = new QianfanCredentials(tokenProvider) { ApiKey = ApiKey, SecretKey = SecretKey };
        credentials?.Invoke(given);
        return new QianfanClient(given, Options(configure), HttpClient, LoggerFactory, Time);
    }

    /// <summary>A client with a ready access token only: no exchange, and no keys to fall back on.</summary>
    public QianfanClient CreateClientWithStaticToken(string token = "static-token", Action<QianfanOptions>? configure = null) =>
        new(new QianfanCredentials { AccessToken = token }, Options(configure), HttpClient, LoggerFactory, Time);

    /// <summary>A client for V2 with the V2 API key only, unless configured otherwise.</summary>
    public QianfanClient CreateV2Client(Action<QianfanOptions>? configure = null, Action<QianfanCredentials>? credentials = null)
    {
        var given = new QianfanCredentials { V2ApiKey = V2ApiKey };
        credentials?.Invoke(given);
        return new QianfanClient(given, Options(configure), HttpClient, LoggerFactory, Time);
    }

    /// <summary>
    /// The OAuth exchange on its own, with this fake's clock and logs, sending with this fake's HttpClient or, when
    /// <paramref name="bareInvoker"/>, with an invoker straight over its handler, as the SDK's own HTTP stack does.
    /// </summary>
    public OAuthAccessTokenProvider CreateTokenProvider(Action<QianfanOptions>? configure = null, string apiKey = ApiKey, string secretKey = SecretKey, bool bareInvoker = false)
    {
        var options = Options(configure);
        var settings = new TokenExchangeSettings(options.BaseUrl, options.AuthTimeout, options.TokenRefreshMargin);
        var sender = bareInvoker ? new HttpMessageInvoker(Mock, disposeHandler: false) : HttpClient;
        return new OAuthAccessTokenProvider(sender, apiKey, secretKey, settings, Time, LoggerFactory.CreateLogger("test"));
    }

    public void Dispose()
    {
        HttpClient.Dispose();
        Mock.Dispose();
        LoggerFactory.Dispose();
    }

    private static bool IsArea(string path) =>
        (path.Contains(V1Root, StringComparison.Ordinal) && !path.Contains(ChatPath, StringComparison.Ordinal))
        || (path.StartsWith("/v2/", StringComparison.Ordinal) && !path.EndsWith(V2ChatPath, StringComparison.Ordinal));

    private void Route(HttpMethod method, Func<string, bool> path, Func<int> count, Func<RecordedRequest, int, Task<HttpResponseMessage>> respond) =>
        Mock.When(method, "*")
            .With(r => path(r.RequestUri!.AbsolutePath))
            .Respond(async request =>
            {
                var n = count();
                var recorded = await RecordedRequest.CaptureAsync(request);
                _requests.Enqueue(recorded);
                return await respond(recorded, n);
            });
}
