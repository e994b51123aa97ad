using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Qianfan.Sdk.DashScope;
using Qianfan.Sdk.Tests.Pipeline;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.DashScope;

/// <summary>
/// DashScope faked as an HTTP handler (the pipeline tests' <see cref="TestService"/>): it records every request and
/// answers what the test sets, in turn. It owns the fake clock and the log collector of the clients it makes, which
/// have retries off unless a test turns them on.
/// </summary>
internal sealed class FakeDashScope : IDisposable
{
    public const string BaseUrl = "https://dashscope.test/api/v1";
    public const string ApiKey = "sk-unit-0123456789abcdef";
    public const string GenerationUrl = BaseUrl + "/services/aigc/text-generation/generation";
    public const string ImageSynthesisUrl = BaseUrl + "/services/aigc/text2image/image-synthesis";

    private readonly HttpClient _http;

    public FakeDashScope()
    {
        _http = new HttpClient(Service) { Timeout = Timeout.InfiniteTimeSpan };
        LoggerFactory = new LoggerFactory([new FakeLoggerProvider(Logs)]);
    }

    public TestService Service { get; } = new();

    public ObservedTimeProvider Time { get; } = new();

    public FakeLogCollector Logs { get; } = new();

    public ILoggerFactory LoggerFactory { get; }

    public IReadOnlyList<RecordedRequest> Requests => Service.Requests;

    /// <summary>Answers every request with <paramref name="response"/>.</summary>
    public void Respond(Func<HttpResponseMessage> response) => Service.Respond(response);

    /// <summary>Answers the requests in turn (the last one repeats).</summary>
    public void RespondInTurn(params Func<HttpResponseMessage>[] responses) => Service.RespondInTurn(responses);

    /// <summary>A client on this fake with the test key and retries off, unless configured otherwise.</summary>
    public DashScopeClient CreateClient(Action<DashScopeOptions>? configure = null)
    {
        var options = new DashScopeOptions { BaseUrl = new Uri(BaseUrl) };
        options.Retry.MaxRetries = 0;
        configure?.Invoke(options);
        return new DashScopeClient(new DashScopeCredentials { ApiKey = ApiKey }, options, _http, LoggerFactory, Time);
    }

    public void Dispose()
    {
        _http.Dispose();
        LoggerFactory.Dispose();
    }
}
