using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.IntegrationTests.AI;

/// <summary>
/// The SDK traces and measures every call itself (source and meter <c>Qianfan.Sdk</c>); Microsoft.Extensions.AI's
/// <c>UseOpenTelemetry()</c> does the same one layer up. With both on, each call is one span and one set of GenAI
/// metrics — M.E.AI's — never two.
/// </summary>
public sealed class ChatTelemetryTests
{
    private const string MeaiSource = "Experimental.Microsoft.Extensions.AI";

    [Fact]
    public async Task UseOpenTelemetry_OnTop_EachCallIsOneSpanAndOneDuration_TheSdkStepsAside()
    {
        await using var setup = await Setup.StartAsync();
        using var chat = new ChatClientBuilder(setup.Client.Chat.AsIChatClient(setup.Endpoint)).UseOpenTelemetry().Build();

        await chat.GetResponseAsync("遥测");
        await chat.GetStreamingResponseAsync("遥测").ToListAsync();

        var spans = setup.Spans.ToList();
        Assert.Equal(2, spans.Count);
        Assert.All(spans, s => Assert.Equal(MeaiSource, s.Source.Name));
        Assert.All(spans, s => Assert.Equal($"chat {setup.Endpoint.Name}", s.DisplayName));
        Assert.All(spans, s => Assert.Equal("qianfan", s.GetTagItem("gen_ai.provider.name")));
        Assert.All(spans, s => Assert.NotNull(s.GetTagItem("gen_ai.usage.output_tokens")));
        var durations = setup.Measurements.Where(m => m.Instrument == "gen_ai.client.operation.duration").ToList();
        Assert.Equal([MeaiSource, MeaiSource], durations.Select(m => m.Meter));
        Assert.DoesNotContain(setup.Measurements, m => m.Meter == "Qianfan.Sdk");
    }

    [Fact]
    public async Task WithoutUseOpenTelemetry_TheSdksOwnSpanAndMetricsRecordEachCall()
    {
        await using var setup = await Setup.StartAsync();
        var chat = setup.Client.Chat.AsIChatClient(setup.Endpoint);

        await chat.GetResponseAsync("遥测");
        await chat.GetStreamingResponseAsync("遥测").ToListAsync();

        var spans = setup.Spans.ToList();
        Assert.Equal(2, spans.Count);
        Assert.All(spans, s => Assert.Equal("Qianfan.Sdk", s.Source.Name));
        Assert.All(spans, s => Assert.Equal("qianfan", s.GetTagItem("gen_ai.provider.name")));
        var durations = setup.Measurements.Where(m => m.Instrument == "gen_ai.client.operation.duration").ToList();
        Assert.Equal(["Qianfan.Sdk", "Qianfan.Sdk"], durations.Select(m => m.Meter));
    }

    /// <summary>
    /// An emulator with a custom endpoint of its own name, so the listeners keep only this test's spans and
    /// measurements (other tests run at the same time), and listeners on both sources and meters.
    /// </summary>
    private sealed class Setup : IAsyncDisposable
    {
        private readonly QianfanEmulator _emulator;
        private readonly ActivityListener _activities;
        private readonly MeterListener _meters;

        private Setup(QianfanEmulator emulator, ModelSpec endpoint)
        {
            _emulator = emulator;
            Endpoint = endpoint;
            Client = AIHarness.Client(emulator);
            _activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name is "Qianfan.Sdk" or MeaiSource,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.GetTagItem("gen_ai.request.model") as string == endpoint.Name)
                    {
                        Spans.Enqueue(activity);
                    }
                },
            };
            ActivitySource.AddActivityListener(_activities);
            _meters = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name is "Qianfan.Sdk" or MeaiSource)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _meters.SetMeasurementEventCallback<double>((i, _, t, _) => Record(i, t));
            _meters.SetMeasurementEventCallback<int>((i, _, t, _) => Record(i, t));
            _meters.SetMeasurementEventCallback<long>((i, _, t, _) => Record(i, t));
            _meters.Start();
        }

        public ModelSpec Endpoint { get; }

        public QianfanClient Client { get; }

        public ConcurrentQueue<Activity> Spans { get; } = new();

        public ConcurrentQueue<(string Meter, string Instrument)> Measurements { get; } = new();

        public static async Task<Setup> StartAsync()
        {
            var endpoint = ModelSpec.ForCustomEndpoint($"otel_{Guid.NewGuid():N}");
            var options = new QianfanEmulatorOptions();
            options.CustomEndpoints.Add(endpoint);
            return new Setup(await QianfanEmulator.StartAsync(options), endpoint);
        }

        public async ValueTask DisposeAsync()
        {
            _meters.Dispose();
            _activities.Dispose();
            Client.Dispose();
            await _emulator.DisposeAsync();
        }

        private void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "gen_ai.request.model" && tag.Value as string == Endpoint.Name)
                {
                    Measurements.Enqueue((instrument.Meter.Name, instrument.Name));
                }
            }
        }
    }
}
