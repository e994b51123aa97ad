using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>
/// A call's telemetry costs nothing when nothing observes it, and is complete as soon as anything does. No other
/// test in this assembly listens to the SDK's ActivitySource or Meter, and these tests run one after another.
/// </summary>
public sealed class ChatCallScopeTests
{
    [Fact]
    public void Start_WithNoListenerAndNoInformationLoggingReturnsNoScope()
    {
        Assert.Null(ChatCallScope.Start(NullLogger.Instance, "chat/ernie_speed", "ERNIE-Speed-8K", stream: false, default));
    }

    [Fact]
    public void Start_WithInformationLoggingLogsTheCompletion()
    {
        var logs = new CapturingLoggerFactory();
        var scope = ChatCallScope.Start(logs.CreateLogger("Qianfan.Sdk.Chat"), "chat/ernie_speed", "ERNIE-Speed-8K", stream: false, default);

        Assert.NotNull(scope);
        scope.Succeeded("as-1", new ChatUsage { PromptTokens = 3, CompletionTokens = 4, TotalTokens = 7 });
        Assert.Contains(logs.Lines, l => l.Contains("chat/ernie_speed (ERNIE-Speed-8K) completed in", StringComparison.Ordinal) && l.Contains("3 prompt and 4 completion tokens", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calls_WithOnlyAMetricsListenerAreMeasured()
    {
        var durations = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Qianfan.Sdk" && instrument.Name == "gen_ai.client.operation.duration")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "gen_ai.request.model")
                {
                    lock (durations)
                    {
                        durations.Add((string)tag.Value!);
                    }
                }
            }
        });
        listener.Start();
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Reply("measured"));
        using var client = new QianfanClient(new QianfanOptions { BaseUrl = fake.BaseUrl, AccessToken = "static-token" }, fake.HttpClient);

        await client.Chat.CompleteAsync(new ChatRequest("ERNIE-Speed-8K") { Messages = { ChatMessage.User("hi") } });

        lock (durations)
        {
            Assert.Contains("ERNIE-Speed-8K", durations);
        }
    }

    [Fact]
    public async Task Calls_WithNothingObservingStillAnswerAndStream()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Reply("unobserved"));
        using var client = new QianfanClient(new QianfanOptions { BaseUrl = fake.BaseUrl, AccessToken = "static-token" }, fake.HttpClient);
        var request = new ChatRequest("ERNIE-Speed-8K") { Messages = { ChatMessage.User("hi") } };

        Assert.Equal("unobserved", (await client.Chat.CompleteAsync(request)).Result);

        fake.RespondToChat(() => Responses.EventStream(Responses.Event(0, "a") + Responses.Event(1, "b", isEnd: true)));
        var pieces = new List<string>();
        await foreach (var chunk in client.Chat.StreamAsync(request))
        {
            pieces.Add(chunk.Result);
        }

        Assert.Equal(["a", "b"], pieces);
    }
}
