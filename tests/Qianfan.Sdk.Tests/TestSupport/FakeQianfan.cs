using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Authentication;
using RichardSzalay.MockHttp;

namespace Qianfan.Sdk.Tests.TestSupport;

/// <summary>
/// The Qianfan service faked with MockHttp: answers the token endpoint and the chat endpoints with whatever the test
/// sets, records every request it sees (method, URL, body) and counts them.
/// </summary>
internal sealed class FakeQianfan : IDisposable
{
    public const string DefaultBaseUrl = "https://aip.test";
    public const string ApiKey = "AK-visible-0123456789";
    public const string SecretKey = "SK-TOP-SECRET-9876543210";
    public const string ChatPath = "/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/";
    public const string TokenPath = "/oauth/2.0/token";

    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _tokenCalls;
    private int _chatCalls;

    public FakeQianfan(string baseUrl = DefaultBaseUrl)
    {
        BaseUrl = new Uri(baseUrl);
        Mock.When(HttpMethod.Post, "*")
            .With(r => r.RequestUri!.AbsolutePath.EndsWith(TokenPath, StringComparison.Ordinal))
            .Respond(async request =>
            {
                var n = Interlocked.Increment(ref _tokenCalls);
                var recorded = await RecordAsync(request);
                return await TokenResponder(recorded, n);
            });
        Mock.When(HttpMethod.Post, "*")
            .With(r => r.RequestUri!.AbsolutePath.Contains(ChatPath, StringComparison.Ordinal))
            .Respond(async request =>
            {
                var n = Interlocked.Increment(ref _chatCalls);
                var recorded = await RecordAsync(request);
                return await ChatResponder(recorded, n);
            });
        Mock.Fallback.Respond(async request =>
        {
            await RecordAsync(request);
            return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("the fake service has no such route") };
        });
        HttpClient = Mock.ToHttpClient();
    }

    public Uri BaseUrl { get; }

    public MockHttpMessageHandler Mock { get; } = new();

    public HttpClient HttpClient { get; }

    public FakeTimeProvider Time { get; } = new();

    public CapturingLoggerFactory Logs { get; } = new();

    /// <summary>Answers the n-th (1-based) token exchange; by default a 30-day token named <c>token-{n}</c>.</summary>
    public Func<RecordedRequest, int, Task<HttpResponseMessage>> TokenResponder { get; set; } =
        (_, n) => Task.FromResult(Responses.Token($"token-{n}"));

    /// <summary>Answers the n-th (1-based) chat call; by default a short reply.</summary>
    public Func<RecordedRequest, int, Task<HttpResponseMessage>> ChatResponder { get; set; } =
        (_, _) => Task.FromResult(Responses.Reply());

    /// <summary>Every request the service saw, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> ChatRequests => [.. _requests.Where(r => r.Path.Contains(ChatPath, StringComparison.Ordinal))];

    public IReadOnlyList<RecordedRequest> TokenRequests => [.. _requests.Where(r => r.Path.EndsWith(TokenPath, StringComparison.Ordinal))];

    /// <summary>Sets a fixed answer for every chat call.</summary>
    public void RespondToChat(Func<HttpResponseMessage> response) => ChatResponder = (_, _) => Task.FromResult(response());

    /// <summary>Sets the answers of the chat calls in turn (the last one repeats).</summary>
    public void RespondToChatInTurn(params Func<HttpResponseMessage>[] responses) =>
        ChatResponder = (_, n) => Task.FromResult(responses[Math.Min(n, responses.Length) - 1]());

    /// <summary>
    /// Options for this fake with API Key and Secret Key and retries off, so every test sees exactly the requests it
    /// arranged; the retry tests turn retries back on with tiny delays.
    /// </summary>
    public QianfanOptions Options(Action<QianfanOptions>? configure = null)
    {
        var options = new QianfanOptions { BaseUrl = BaseUrl, ApiKey = ApiKey, SecretKey = SecretKey };
        options.Retry.MaxRetries = 0;
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A client on this fake with API Key and Secret Key (so tokens are exchanged), unless configured otherwise.</summary>
    public QianfanClient CreateClient(Action<QianfanOptions>? configure = null, IAccessTokenProvider? tokenProvider = null) =>
        new(Options(configure), HttpClient, tokenProvider, Logs, Time);

    /// <summary>A client with a static access token: no exchange.</summary>
    public QianfanClient CreateClientWithStaticToken(string token = "static-token", Action<QianfanOptions>? configure = null) =>
        CreateClient(o =>
        {
            o.ApiKey = null;
            o.SecretKey = null;
            o.AccessToken = token;
            configure?.Invoke(o);
        });

    public OAuthAccessTokenProvider CreateTokenProvider(Action<QianfanOptions>? configure = null) =>
        new(HttpClient, Options(configure), Time, Logs.CreateLogger("test"));

    public void Dispose()
    {
        HttpClient.Dispose();
        Mock.Dispose();
        Logs.Dispose();
    }

    private async Task<RecordedRequest> RecordAsync(HttpRequestMessage request)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync();
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, body, request.Content?.Headers.ContentType?.MediaType);
        _requests.Enqueue(recorded);
        return recorded;
    }
}
