using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Qianfan.Sdk.Tests.Pipeline;
using Qianfan.Sdk.Tests.TestSupport;
using Qianfan.Sdk.Zhipu;

namespace Qianfan.Sdk.Tests.Zhipu;

/// <summary>
/// Zhipu's API v4 faked as an HTTP handler (the pipeline tests' <see cref="TestService"/>): it records every request
/// (method, URL, headers, body) and answers what the test sets, the n-th call getting the n-th answer. It owns the fake
/// clock (starting at the JWT test vector's time) and the log collector of the clients it makes, which have retries off
/// unless a test turns them on.
/// </summary>
internal sealed class FakeZhipu : IDisposable
{
    public const string BaseUrl = "https://zhipu.test/api/paas/v4";
    public const string ApiKey = "12345678.abcdefg";

    /// <summary>Where the fake clock starts: Unix 1,700,000,000 s, the time of the official SDK's JWT vector.</summary>
    public static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public FakeZhipu()
    {
        Service.Respond(() => ZhipuReplies.Json(ZhipuReplies.Completion("好")));
        HttpClient = new HttpClient(Service, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        LoggerFactory = new LoggerFactory([new FakeLoggerProvider(Logs)]);
    }

    public TestService Service { get; } = new();

    public HttpClient HttpClient { get; }

    public ObservedTimeProvider Time { get; } = new(Epoch);

    public FakeLogCollector Logs { get; } = new();

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Every request the service saw, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => Service.Requests;

    /// <summary>Each log record as one line: level, category, message and exception.</summary>
    public IReadOnlyList<string> LogLines => [.. Logs.GetSnapshot().Select(r => $"{r.Level} {r.Category}: {r.Message} | {r.Exception}")];

    /// <summary>Answers the n-th (1-based) call.</summary>
    public Func<RecordedRequest, int, Task<HttpResponseMessage>> Responder
    {
        set => Service.Responder = (request, n, _) => value(request, n);
    }

    /// <summary>Answers every call with <paramref name="response"/>.</summary>
    public void Respond(Func<HttpResponseMessage> response) => Service.Respond(response);

    /// <summary>Answers the calls in turn (the last answer repeats).</summary>
    public void RespondInTurn(params Func<HttpResponseMessage>[] responses) => Service.RespondInTurn(responses);

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
        Service.Dispose();
        LoggerFactory.Dispose();
    }
}
