using System.Globalization;
using Qianfan.Sdk.Benchmarks.Support;

namespace Qianfan.Sdk.Benchmarks;

/// <summary>
/// Goal 6, sampled (<c>--memory-check</c>): enumerates a 1-chunk and a 10,000-chunk stream through the SDK and samples
/// the live heap (<see cref="GC.GetTotalMemory(bool)"/> after a full collection) during enumeration. Flat means the
/// peak over the long stream stays within a small margin of the 1-chunk peak: nothing is kept per chunk.
/// </summary>
public static class StreamingMemoryCheck
{
    private const int LongStream = 10_000;
    private const int SampleEvery = 500;
    private const long FlatMarginBytes = 64 * 1024;

    public static async Task<int> RunAsync()
    {
        var one = await MeasureAsync(1).ConfigureAwait(false);
        var many = await MeasureAsync(LongStream).ConfigureAwait(false);

        Console.WriteLine("Streaming memory check (live heap after a full GC, sampled during enumeration through Chat.StreamAsync)");
        Console.WriteLine("| Chunks | Samples | Peak live growth | Last sample growth | Allocated | Allocated/chunk | Gen0 GCs |");
        Console.WriteLine("|-------:|--------:|-----------------:|-------------------:|----------:|----------------:|---------:|");
        foreach (var m in new[] { one, many })
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {m.Chunks:N0} | {m.Samples} | {m.PeakGrowth / 1024.0:N1} KB | {m.LastGrowth / 1024.0:N1} KB | {m.Allocated / 1024.0:N0} KB | {(double)m.Allocated / m.Chunks:N0} B | {m.Gen0} |"));
        }

        var excess = many.PeakGrowth - one.PeakGrowth;
        var flat = excess <= FlatMarginBytes;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Peak over {LongStream:N0} chunks minus peak over 1 chunk: {excess / 1024.0:N1} KB (margin {FlatMarginBytes / 1024} KB): {(flat ? "FLAT" : "GROWS")}"));
        return flat ? 0 : 1;
    }

    private static async Task<Measurement> MeasureAsync(int chunks)
    {
        using var http = Clients.InMemory(Corpus.Stream(PayloadFormat.Qianfan, chunks));
        using var client = Clients.Sdk(http);
        var request = Clients.QuestionRequest();

        // Warm up (JIT, static caches, the connection-less handler path), so only the stream's own memory shows.
        await Clients.SdkStreamAsync(client, request).ConfigureAwait(false);

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gen0Before = GC.CollectionCount(0);
        long peak = 0, last = 0;
        var received = 0;
        var samples = 0;
        await foreach (var chunk in client.Chat.StreamAsync(request).ConfigureAwait(false))
        {
            received++;
            if (received == 1 || received % SampleEvery == 0 || chunk.IsEnd)
            {
                var allocatedSoFar = GC.GetTotalAllocatedBytes(precise: true);
                last = GC.GetTotalMemory(forceFullCollection: true) - baseline;
                peak = Math.Max(peak, last);
                samples++;

                // The sampling's own collections must not count as the stream's allocations.
                allocatedBefore += GC.GetTotalAllocatedBytes(precise: true) - allocatedSoFar;
            }
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var gen0 = GC.CollectionCount(0) - gen0Before - samples;
        return new Measurement(received, samples, peak, last, allocated, Math.Max(gen0, 0));
    }

    private sealed record Measurement(int Chunks, int Samples, long PeakGrowth, long LastGrowth, long Allocated, int Gen0);
}
