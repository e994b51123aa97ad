using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;

namespace Qianfan.Sdk.Zhipu.Tests.TestSupport;

/// <summary>
/// Zhipu's API v4 faked with MockHttp: every request (method, URL, headers, body) is recorded and answered by the
/// test's responder, the n-th call getting the n-th answer. It owns the fake clock and the log collector the clients it
/// makes use, and makes them with retries off unless a test turns them on.
/// </summary>
internal sealed class FakeZhipu : IDisposable
{
    public const string BaseUrl = "https://zhipu.test/api/paas/v4";
    public const string ApiKey = "12345678.abcdefg";

    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _calls;

    public FakeZhipu()
    {
        Mock.When("*").Respond(async request =>
        {
            var n = Interlocked.Increment(ref _calls);
            var recorded = await RecordedRequest.CaptureAsync(request);
            _requests.Enqueue(recorded);
            return await Responder(recorded, n);
        });
        HttpClient = Mock.ToHttpClient();
        LoggerFactory = new LoggerFactory([new FakeLoggerProvider(Logs)]);
    }

    public MockHttpMessageHandler Mock { get; } = new();

    public HttpClient HttpClient { get; }

    public ObservedClock Time { get; } = new();

    public FakeLogCollector Logs { get; } = new();

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Answers the n-th (1-based) call; by default a short chat reply.</summary>
    public Func<RecordedRequest, int, Task<HttpResponseMessage>> Responder { get; set; } =
        (_, _) => Task.FromResult(Replies.Json(Replies.Completion("好")));

    /// <summary>Every request the service saw, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Each log record as one line: level, category, message and exception.</summary>
    public IReadOnlyList<string> LogLines => [.. Logs.GetSnapshot().Select(r => $"{r.Level} {r.Category}: {r.Message} | {r.Exception}")];

    /// <summary>Answers every call with <paramref name="response"/>.</summary>
    public void Respond(Func<HttpResponseMessage> response) => Responder = (_, _) => Task.FromResult(response());

    /// <summary>Answers the calls in turn (the last answer repeats).</summary>
    public void RespondInTurn(params Func<HttpResponseMessage>[] responses) =>
        Responder = (_, n) => Task.FromResult(responses[Math.Min(n, responses.Length) - 1]());

    /// <summary>Settings for this fake, retries off so every test sees exactly the requests it arranged.</summary>
    public static ZhipuOptions Options(Action<ZhipuOptions>? configure = null)
    {
        var options = new ZhipuOptions { BaseUrl = new Uri(BaseUrl) };
        options.Retry.MaxRetries = 0;
        configure?.Invoke(options);
        return options;
    }

    public ZhipuClient CreateClient(Action<ZhipuOptions>? configure = null, string apiKey = ApiKey) =>
        new(new ZhipuCredentials { ApiKey = apiKey }, Options(configure), HttpClient, LoggerFactory, Time);

    public void Dispose()
    {
        HttpClient.Dispose();
        Mock.Dispose();
        LoggerFactory.Dispose();
    }
}
