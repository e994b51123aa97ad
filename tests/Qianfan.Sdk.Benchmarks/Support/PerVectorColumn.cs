using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Qianfan.Sdk.Benchmarks.Support;

/// <summary>
/// Columns for benchmarks with a <c>Vectors</c> parameter: vectors decoded per second (from the mean) and bytes
/// allocated per vector (from the memory diagnoser), beside the reply's own bytes per vector.
/// </summary>
public sealed class PerVectorColumn : IColumn
{
    public static readonly IColumn VectorsPerSecond = new PerVectorColumn("Vectors/s", "Vectors decoded per second (Vectors / Mean)", 0, Kind.VectorsPerSecond);
    public static readonly IColumn AllocatedPerVector = new PerVectorColumn("Alloc/vector", "Bytes allocated per vector (Allocated / Vectors)", 1, Kind.AllocatedPerVector);
    public static readonly IColumn BodyBytesPerVector = new PerVectorColumn("JSON/vector", "Bytes of the recorded reply per vector", 2, Kind.BodyBytesPerVector);

    private readonly Kind _kind;

    private PerVectorColumn(string name, string legend, int priority, Kind kind)
    {
        ColumnName = name;
        Legend = legend;
        PriorityInCategory = priority;
        _kind = kind;
    }

    private enum Kind
    {
        VectorsPerSecond,
        AllocatedPerVector,
        BodyBytesPerVector,
    }

    public string Id => nameof(PerVectorColumn) + "." + ColumnName;

    public string ColumnName { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory { get; }

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend { get; }

    public static int? Vectors(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Vectors")?.Value as int?;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => Vectors(c) is not null);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (Vectors(benchmarkCase) is not { } vectors || report is null)
        {
            return "-";
        }

        var meanSeconds = report.ResultStatistics?.Mean / 1e9;
        switch (_kind)
        {
            case Kind.VectorsPerSecond when meanSeconds > 0:
                return (vectors / meanSeconds.Value).ToString("N0", CultureInfo.InvariantCulture);
            case Kind.AllocatedPerVector when report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is { } bytes:
                return ((double)bytes / vectors).ToString("N0", CultureInfo.InvariantCulture) + " B";
            case Kind.BodyBytesPerVector:
                return ((double)EmbeddingCorpus.Reply(vectors).Length / vectors).ToString("N0", CultureInfo.InvariantCulture) + " B";
            default:
                return "-";
        }
    }

    public override string ToString() => ColumnName;
}
