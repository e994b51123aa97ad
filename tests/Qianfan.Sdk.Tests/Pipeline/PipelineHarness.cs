using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Limits;
using Qianfan.Sdk.Core.Pipeline;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>
/// One <see cref="ApiPipeline"/> on the test API, over a <see cref="TestService"/>, a fake clock and a log
/// collector. Settings are set first; the pipeline is built on first use. Retries are off unless a test turns them on.
/// </summary>
internal sealed class PipelineHarness : IDisposable
{
    public const string Url = "https://api.test/v1/answer";
    public const string Target = "test/answer";
    public const string Model = "test-model";

    private readonly HttpClient _http;
    private ApiPipeline? _pipeline;
    private ClientRateLimiter? _limiter;

    public PipelineHarness()
    {
        _http = new HttpClient(Service) { Timeout = Timeout.InfiniteTimeSpan };
        Logger = new FakeLogger(Logs, "Qianfan.Sdk.Test");
    }

    public TestService Service { get; } = new();

    public ObservedTimeProvider Time { get; } = new();

    public FakeLogCollector Logs { get; } = new();

    public TestAuthorizer Authorizer { get; } = new();

    /// <summary>The API's profile; the test API's unless a test gives another (set before first use).</summary>
    public ApiProfile Profile { get; set; } = TestProfile.Instance;

    /// <summary>The logger calls are made with; every level is on.</summary>
    public ILogger Logger { get; set; }

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(120);

    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(120);

    public RetryOptions Retry { get; } = new() { MaxRetries = 0, BaseDelay = TimeSpan.Zero };

    public RateLimitOptions Limits { get; } = new();

    /// <summary>The body every call sends.</summary>
    public byte[] Body { get; set; } = Encoding.UTF8.GetBytes("""{"question":"hi"}""");

    public ApiPipeline Pipeline => _pipeline ??= Build();

    public Task<TestResult> SendAsync(CancellationToken cancellationToken = default) =>
        Pipeline.SendAsync(Call(stream: false), TestJsonContext.Default.TestResult, cancellationToken);

    public IAsyncEnumerable<TestChunk> StreamAsync(CancellationToken cancellationToken = default) =>
        Pipeline.StreamAsync(Call(stream: true), TestEvents.Parser, cancellationToken);

    /// <summary>Reads a whole stream (on the thread pool, so a test can drive the clock meanwhile).</summary>
    public Task<List<TestChunk>> ReadAllAsync(CancellationToken cancellationToken = default) => Task.Run(async () =>
    {
        var chunks = new List<TestChunk>();
        await foreach (var chunk in StreamAsync(cancellationToken))
        {
            chunks.Add(chunk);
        }

        return chunks;
    });

    public ApiCall Call(bool stream) => new(HttpMethod.Post, Url, Body, "chat", Target, Model, stream, Logger);

    /// <summary>Each log record's formatted message, in order.</summary>
    public IReadOnlyList<string> LogMessages => [.. Logs.GetSnapshot().Select(r => r.Message)];

    public void Dispose()
    {
        _limiter?.Dispose();
        _http.Dispose();
    }

    private ApiPipeline Build()
    {
        _limiter = ClientRateLimiter.Create(Limits, Time, static message => new TestQueueFullException(message));
        var settings = new PipelineSettings(AttemptTimeout, StreamIdleTimeout, Retry);
        return new ApiPipeline(_http, Profile, Authorizer, settings, _limiter, Time);
    }
}
