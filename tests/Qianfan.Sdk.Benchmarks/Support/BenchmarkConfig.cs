using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Qianfan.Sdk.Benchmarks.Support;

/// <summary>The columns every run adds to BenchmarkDotNet's defaults; jobs come from the command line.</summary>
public static class BenchmarkConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddColumn(StatisticColumn.OperationsPerSecond)
        .AddColumn(PerChunkColumn.ChunksPerSecond, PerChunkColumn.MegabytesPerSecond, PerChunkColumn.AllocatedPerChunk)
        .AddColumn(PerVectorColumn.VectorsPerSecond, PerVectorColumn.AllocatedPerVector, PerVectorColumn.BodyBytesPerVector);
}
