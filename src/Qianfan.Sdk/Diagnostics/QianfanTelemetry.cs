using System.Diagnostics.Metrics;

namespace Qianfan.Sdk.Diagnostics;

/// <summary>The SDK's meter, named <c>Qianfan.Sdk</c>, for OpenTelemetry or any <see cref="MeterListener"/>.</summary>
internal static class QianfanTelemetry
{
    public const string Name = "Qianfan.Sdk";

    public static readonly Meter Meter = new(Name);

    /// <summary>Calls repeated by the retry policy, tagged with <c>error.type</c> (the error code or exception type).</summary>
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("qianfan.client.retries", "{retry}", "Calls repeated after a retryable failure.");
}
