using System.Diagnostics;
using System.Globalization;
using Qianfan.Sdk.Benchmarks.Support;

namespace Qianfan.Sdk.Benchmarks;

/// <summary>
/// <c>--redis-latency</c>: the fleet limiter's acquisition cost per call on loopback Redis as a distribution. 20,000
/// acquisitions one after the other (and 16 callers at once), each timed; percentiles, the operations the connection
/// sent per acquisition (goal: 1) and the bytes allocated per acquisition. Goal: p99 under 1 ms.
/// </summary>
public static class RedisLatencyCheck
{
    private const int Sequential = 20_000;
    private const int Concurrent = 16;
    private const int PerCaller = 2_000;

    public static async Task<int> RunAsync()
    {
        using var redis = RedisProcess.Start();
        using var connection = redis.Connect();
        using var limiter = RedisLimiterBenchmarks.Create(connection);
        for (var i = 0; i < 2_000; i++)
        {
            await limiter.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        var sentBefore = connection.OperationCount;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var one = new double[Sequential];
        for (var i = 0; i < Sequential; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await limiter.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            one[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        var sent = (double)(connection.OperationCount - sentBefore) / Sequential;
        var allocated = (double)(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / Sequential;

        var many = new double[Concurrent * PerCaller];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < PerCaller; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await limiter.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                many[(c * PerCaller) + i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }
        }))).ConfigureAwait(false);
        var throughput = many.Length / clock.Elapsed.TotalSeconds;

        Console.WriteLine("Fleet limiter acquisition on loopback Redis (RedisClientLimiter.WaitAsync, every call granted; µs)");
        Console.WriteLine("| Callers | Acquisitions | p50 | p90 | p99 | p99.9 | max | Acquisitions/s | Operations sent per acquisition | Allocated per acquisition |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(Row(1, one, Sequential / one.Sum() * 1e6, sent.ToString("0.000", CultureInfo.InvariantCulture), allocated.ToString("N0", CultureInfo.InvariantCulture) + " B"));
        Console.WriteLine(Row(Concurrent, many, throughput, "", ""));
        var p99 = Percentile(one, 0.99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"p99 with one caller: {p99:0} µs (goal under 1,000 µs): {(p99 < 1000 ? "MET" : "MISSED")}; operations per acquisition {sent:0.000} (goal 1)"));
        return 0;
    }

    private static string Row(int callers, double[] samples, double perSecond, string sent, string allocated) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {callers} | {samples.Length:N0} | {Percentile(samples, 0.5):0} | {Percentile(samples, 0.9):0} | {Percentile(samples, 0.99):0} | {Percentile(samples, 0.999):0} | {samples.Max():0} | {perSecond:N0} | {sent} | {allocated} |");

    private static double Percentile(double[] samples, double p)
    {
        var sorted = samples.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
