using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Qianfan.Sdk.Benchmarks.Support;

/// <summary>Which recorded stream a benchmark method decodes, for the MB/s column.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PayloadAttribute(PayloadFormat format) : Attribute
{
    public PayloadFormat Format { get; } = format;
}

/// <summary>
/// Columns for benchmarks with a <c>Chunks</c> parameter: chunks per second and MB per second (from the mean) and
/// bytes allocated per chunk (from the memory diagnoser). MB is 10^6 bytes of the recorded body.
/// </summary>
public sealed class PerChunkColumn : IColumn
{
    public static readonly IColumn ChunksPerSecond = new PerChunkColumn("Chunks/s", "Chunks decoded per second (Chunks / Mean)", 0, Kind.ChunksPerSecond);
    public static readonly IColumn MegabytesPerSecond = new PerChunkColumn("MB/s", "Recorded body bytes decoded per second, in 10^6 bytes (body size / Mean)", 1, Kind.MegabytesPerSecond);
    public static readonly IColumn AllocatedPerChunk = new PerChunkColumn("Alloc/chunk", "Bytes allocated per chunk (Allocated / Chunks)", 2, Kind.AllocatedPerChunk);

    private readonly Kind _kind;

    private PerChunkColumn(string name, string legend, int priority, Kind kind)
    {
        ColumnName = name;
        Legend = legend;
        PriorityInCategory = priority;
        _kind = kind;
    }

    private enum Kind
    {
        ChunksPerSecond,
        MegabytesPerSecond,
        AllocatedPerChunk,
    }

    public string Id => nameof(PerChunkColumn) + "." + ColumnName;

    public string ColumnName { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory { get; }

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend { get; }

    public static int? Chunks(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Chunks")?.Value as int?;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => Chunks(c) is not null);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (Chunks(benchmarkCase) is not { } chunks || report is null)
        {
            return "-";
        }

        var meanSeconds = report.ResultStatistics?.Mean / 1e9;
        switch (_kind)
        {
            case Kind.ChunksPerSecond when meanSeconds > 0:
                return (chunks / meanSeconds.Value).ToString("N0", CultureInfo.InvariantCulture);
            case Kind.MegabytesPerSecond when meanSeconds > 0:
                var format = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<PayloadAttribute>()?.Format ?? PayloadFormat.Qianfan;
                return (Corpus.Stream(format, chunks).Length / meanSeconds.Value / 1e6).ToString("N1", CultureInfo.InvariantCulture);
            case Kind.AllocatedPerChunk when report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is { } bytes:
                return ((double)bytes / chunks).ToString("N0", CultureInfo.InvariantCulture) + " B";
            default:
                return "-";
        }
    }

    public override string ToString() => ColumnName;
}
