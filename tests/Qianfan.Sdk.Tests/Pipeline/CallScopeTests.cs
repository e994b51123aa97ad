using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Pipeline;
using Qianfan.Sdk.Core.Telemetry;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>
/// A call's telemetry costs nothing when nothing observes it, and is complete as soon as anything does. No other
/// test in this assembly listens to the SDK's ActivitySource or Meter, and these tests run one after another.
/// </summary>
public sealed class CallScopeTests
{
    [Fact]
    public void Start_WithNoListenerAndNoInformationLoggingReturnsNoScope()
    {
        using var api = new PipelineHarness { Logger = NullLogger.Instance };

        Assert.Null(CallScope.Start(TestProfile.Instance, api.Call(stream: false)));
    }

    [Fact]
    public void Start_WithInformationLoggingLogsTheCompletion()
    {
        using var api = new PipelineHarness();

        var scope = CallScope.Start(TestProfile.Instance, api.Call(stream: false));

        Assert.NotNull(scope);
        scope.Succeeded("r-1", new UsageCounts(3, 4, 7));
        Assert.Contains(api.Logs.GetSnapshot(), r =>
            r.Message.StartsWith("test/answer (test-model) completed in", StringComparison.Ordinal)
            && r.Message.EndsWith("3 prompt and 4 completion tokens", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calls_WithOnlyAMetricsListenerAreMeasuredWithModelAndProvider()
    {
        var measured = new List<(string? Model, string? Provider)>();
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
            string? model = null, provider = null;
            foreach (var tag in tags)
            {
                model = tag.Key == "gen_ai.request.model" ? (string?)tag.Value : model;
                provider = tag.Key == "gen_ai.provider.name" ? (string?)tag.Value : provider;
            }

            lock (measured)
            {
                measured.Add((model, provider));
            }
        });
        listener.Start();
        using var api = new PipelineHarness { Logger = NullLogger.Instance };

        await api.SendAsync().OrHang();

        lock (measured)
        {
            Assert.Contains((PipelineHarness.Model, "test-provider"), measured);
        }
    }

    [Fact]
    public async Task Calls_WithNothingObservingStillAnswerAndStream()
    {
        using var api = new PipelineHarness { Logger = NullLogger.Instance };
        api.Service.RespondInTurn(() => TestReplies.Result("unobserved"), () => TestReplies.EventStream(TestReplies.Event("a") + TestReplies.Event("b", last: true)));

        Assert.Equal("unobserved", (await api.SendAsync().OrHang()).Text);
        var chunks = await api.ReadAllAsync().OrHang();

        Assert.Equal(["a", "b"], chunks.Select(c => c.Text).ToArray());
    }

    [Fact]
    public async Task Send_FailureIsLoggedWithTheProfilesCodeAndMessage()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.Error("invalid_param", "temperature is out of range"));

        await Assert.ThrowsAsync<TestApiException>(() => api.SendAsync().OrHang());

        var failed = Assert.Single(api.Logs.GetSnapshot(), r => r.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Equal("test/answer failed with error invalid_param: temperature is out of range", failed.Message);
        Assert.Contains(api.LogMessages, m => m == "POST test/answer (stream: False, attempt 1)");
        Assert.DoesNotContain(api.LogMessages, m => m.Contains("token-1", StringComparison.Ordinal));
    }
}
