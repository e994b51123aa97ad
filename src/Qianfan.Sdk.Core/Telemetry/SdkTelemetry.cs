using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Qianfan.Sdk.Core.Telemetry;

/// <summary>
/// The SDK's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>Qianfan.Sdk</c> for every platform
/// (the provider is a tag), with the OpenTelemetry GenAI semantic conventions' names.
/// </summary>
internal static class SdkTelemetry
{
    public const string Name = "Qianfan.Sdk";

    public static readonly ActivitySource Source = new(Name, typeof(SdkTelemetry).Assembly.GetName().Version?.ToString());

    public static readonly Meter Meter = new(Name, typeof(SdkTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Calls repeated by the retry policy, tagged with <c>error.type</c> (the error code or exception type).</summary>
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("qianfan.client.retries", "{retry}", "Calls repeated after a retryable failure.");

    /// <summary><c>gen_ai.client.operation.duration</c>: how long each call took, in seconds.</summary>
    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram(
        "gen_ai.client.operation.duration",
        "s",
        "GenAI operation duration.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });

    /// <summary><c>gen_ai.client.token.usage</c>: tokens per call, tagged input or output.</summary>
    public static readonly Histogram<int> TokenUsage = Meter.CreateHistogram(
        "gen_ai.client.token.usage",
        "{token}",
        "Measures number of input and output tokens used.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576] });
}
