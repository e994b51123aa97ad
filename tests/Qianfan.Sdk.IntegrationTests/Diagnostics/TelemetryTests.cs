using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.IntegrationTests.Diagnostics;

public sealed class TelemetryTests
{
    [Fact]
    public async Task ChatCalls_AreTracedAndMeasuredWithGenAiConventions()
    {
        // A model name of its own keeps other tests' calls out of the listeners.
        var model = ModelSpec.ForCustomEndpoint($"telemetry_{Guid.NewGuid():N}");
        var emulatorOptions = new QianfanEmulatorOptions();
        emulatorOptions.CustomEndpoints.Add(model);
        await using var emulator = await QianfanEmulator.StartAsync(emulatorOptions);
        using var client = new QianfanClient(
            new QianfanCredentials { ApiKey = emulator.ApiKey, SecretKey = emulator.SecretKey },
            new QianfanOptions { BaseUrl = emulator.BaseUri, Retry = new RetryOptions { MaxRetries = 0 } });

        var activities = new ConcurrentQueue<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Qianfan.Sdk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("gen_ai.request.model") as string == model.Name)
                {
                    activities.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(activityListener);

        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Qianfan.Sdk")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var map = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value;
            }

            if (map.GetValueOrDefault("gen_ai.request.model") as string == model.Name)
            {
                measurements.Enqueue((instrument.Name, value, map));
            }
        }

        meterListener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        meterListener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        meterListener.Start();

        var request = new ChatRequest(model) { Messages = { ChatMessage.User("遥测") }, Temperature = 0.5f };
        var reply = await client.Chat.CompleteAsync(request);
        await client.Chat.StreamAsync(request).ToListAsync();
        emulator.Scenarios.FailNextChatCalls(1, QianfanErrorCodes.InvalidParam);
        await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(request));

        Assert.Equal(3, activities.Count);
        var sync = activities.First();
        Assert.Equal($"chat {model.Name}", sync.DisplayName);
        Assert.Equal(ActivityKind.Client, sync.Kind);
        Assert.Equal("chat", sync.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("qianfan", sync.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(0.5f, sync.GetTagItem("gen_ai.request.temperature"));
        Assert.Equal(reply.Id, sync.GetTagItem("gen_ai.response.id"));
        Assert.Equal(reply.Usage!.PromptTokens, sync.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(reply.Usage.CompletionTokens, sync.GetTagItem("gen_ai.usage.output_tokens"));
        var stream = activities.ElementAt(1);
        Assert.Equal(true, stream.GetTagItem("qianfan.stream"));
        Assert.NotNull(stream.GetTagItem("gen_ai.usage.output_tokens"));
        var failed = activities.Last();
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("336003", failed.GetTagItem("error.type"));

        var durations = measurements.Where(m => m.Instrument == "gen_ai.client.operation.duration").ToList();
        Assert.Equal(3, durations.Count);
        Assert.All(durations, d => Assert.True(d.Value > 0));
        Assert.Equal("336003", durations.Last().Tags["error.type"]);
        var usage = measurements.Where(m => m.Instrument == "gen_ai.client.token.usage").ToList();
        Assert.Equal(4, usage.Count); // input and output for the two successful calls
        Assert.Contains(usage, u => (string?)u.Tags["gen_ai.token.type"] == "input" && (int)u.Value == reply.Usage.PromptTokens);
        Assert.Contains(usage, u => (string?)u.Tags["gen_ai.token.type"] == "output" && (int)u.Value == reply.Usage.CompletionTokens);
    }
}
