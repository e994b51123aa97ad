using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Completions;
using Qianfan.Sdk.Embeddings;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Images;
using Qianfan.Sdk.IntegrationTests.Areas;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Rerank;

namespace Qianfan.Sdk.IntegrationTests.Diagnostics;

/// <summary>Every area is traced, counted and logged as chat is, under its GenAI operation name.</summary>
public sealed class AreaTelemetryTests
{
    private static readonly ActivitySource TestSource = new("Qianfan.Sdk.IntegrationTests.AreaTelemetry");

    [Fact]
    public async Task EveryArea_HasAClientSpanAndMetricsNamedForItsOperation_AndLogsOnItsCategory()
    {
        // A custom completion service of its own keeps other tests' metrics out of the completions assertions.
        var completion = ModelSpec.ForCustomEndpoint($"telemetry_{Guid.NewGuid():N}");
        var emulatorOptions = new QianfanEmulatorOptions();
        emulatorOptions.CustomEndpoints.Add(completion);
        await using var harness = await AreaHarness.StartAsync(emulatorOptions, o => o.Retry.MaxRetries = 0);

        var activities = new ConcurrentQueue<Activity>();
        using var test = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Qianfan.Sdk" or "Qianfan.Sdk.IntegrationTests.AreaTelemetry",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(test);
        var measurements = new ConcurrentQueue<(string Instrument, string? Operation, string? Model, string? TokenType, double Value)>();
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

            string? Tag(string name) => map.GetValueOrDefault(name) as string;
            measurements.Enqueue((instrument.Name, Tag("gen_ai.operation.name"), Tag("gen_ai.request.model"), Tag("gen_ai.token.type"), value));
        }

        meterListener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        meterListener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        meterListener.Start();

        string traceId;
        using (var parent = TestSource.StartActivity("test"))
        {
            traceId = parent!.TraceId.ToHexString();
            var client = harness.Client;
            await client.Completions.CompleteAsync(new CompletionRequest(completion, "从前") { Temperature = 0.3f });
            await client.Embeddings.CreateAsync(new EmbeddingRequest("embedding-v1", ["你好"]));
            await client.EmbeddingsV2.CreateAsync(new EmbeddingRequest("bge-large-zh", ["你好"]));
            await client.Rerank.RerankAsync(new RerankRequest("苹果", ["苹果"]));
            await client.RerankV2.RerankAsync(new RerankRequest("苹果", ["苹果"]));
            await client.Images.GenerateAsync(new Text2ImageRequest("猫") { Size = "768x768" });
            await client.ImagesV2.GenerateAsync(new ImageGenerationRequest("猫"));
            await client.Tokenizer.CountAsync("你好");
        }

        var spans = activities.Where(a => a.Source.Name == "Qianfan.Sdk" && a.TraceId.ToHexString() == traceId).ToList();
        Assert.Equal(
            [
                ("text_completion", completion.Name, "completions/" + completion.Endpoint),
                ("embeddings", "embedding-v1", "embeddings/embedding-v1"),
                ("embeddings", "bge-large-zh", "v2/embeddings"),
                ("rerank", "bce-reranker-base", "reranker/bce_reranker_base"),
                ("rerank", "bce-reranker-base", "v2/rerankers"),
                ("generate_content", "Stable-Diffusion-XL", "text2image/sd_xl"),
                ("generate_content", "irag-1.0", "v2/images/generations"),
                ("count_tokens", "ernie-bot", "tokenizer/erniebot"),
            ],
            spans.Select(s => ((string)s.GetTagItem("gen_ai.operation.name")!, (string)s.GetTagItem("gen_ai.request.model")!, (string)s.GetTagItem("qianfan.operation")!)));
        Assert.All(spans, s =>
        {
            Assert.Equal(ActivityKind.Client, s.Kind);
            Assert.Equal($"{s.GetTagItem("gen_ai.operation.name")} {s.GetTagItem("gen_ai.request.model")}", s.DisplayName);
            Assert.Equal("qianfan", s.GetTagItem("gen_ai.provider.name"));
            Assert.NotNull(s.GetTagItem("gen_ai.response.id"));
        });
        Assert.Equal(0.3f, spans[0].GetTagItem("gen_ai.request.temperature"));
        Assert.Equal(1, spans[1].GetTagItem("gen_ai.usage.input_tokens"));

        Assert.Contains(measurements, m => m is { Instrument: "gen_ai.client.operation.duration", Operation: "text_completion" } && m.Model == completion.Name);
        Assert.Contains(measurements, m => m is { Instrument: "gen_ai.client.token.usage", Operation: "text_completion", TokenType: "output" } && m.Model == completion.Name && m.Value > 0);
        foreach (var operation in new[] { "embeddings", "rerank", "generate_content", "count_tokens" })
        {
            Assert.Contains(measurements, m => m.Instrument == "gen_ai.client.operation.duration" && m.Operation == operation);
        }

        var completed = harness.Logs.GetSnapshot().Where(r => r.Level == LogLevel.Information && r.Message.Contains(" completed in ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["Qianfan.Sdk.Completions", "Qianfan.Sdk.Embeddings", "Qianfan.Sdk.Embeddings", "Qianfan.Sdk.Rerank", "Qianfan.Sdk.Rerank", "Qianfan.Sdk.Images", "Qianfan.Sdk.Images", "Qianfan.Sdk.Tokenizer"],
            completed.Select(r => r.Category));
        Assert.StartsWith("embeddings/embedding-v1 (embedding-v1) completed in ", completed[1].Message, StringComparison.Ordinal);
    }
}
