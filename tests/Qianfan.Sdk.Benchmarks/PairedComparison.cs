using System.Diagnostics;
using System.Globalization;
using Qianfan.Sdk.Benchmarks.Support;

namespace Qianfan.Sdk.Benchmarks;

/// <summary>
/// <c>--paired</c>: the goal comparisons again, each pair run in alternating batches (A B B A …) in one process, with
/// wall time, process CPU time and allocations per op taken per batch: the fastest batch (the least disturbed) and the median batch
/// are reported. On a machine that other work shares, BenchmarkDotNet's one-after-the-other runs see different
/// loads; alternating batches see the same, and the fastest batch is the one least slowed by them.
/// </summary>
public static class PairedComparison
{
    private const int Rounds = 20;
    private const int WarmupRounds = 3;
    private static readonly TimeSpan BatchTarget = TimeSpan.FromMilliseconds(200);

    /// <param name="only">Runs only the comparisons of this section (<c>streams</c>, <c>meai</c>, <c>embeddings</c>, <c>sync</c>, <c>redis</c>, <c>first-chunk</c>); null runs all.</param>
    public static async Task<int> RunAsync(string? only = null)
    {
        bool Wants(string section) => only is null || string.Equals(only, section, StringComparison.OrdinalIgnoreCase);
        ReportRequestBytes();
        Console.WriteLine($"Paired comparison: {Rounds - WarmupRounds} measured rounds of alternating ~{BatchTarget.TotalMilliseconds:0} ms batches after {WarmupRounds} warm-up rounds; per op.");
        Console.WriteLine("| Comparison | Client | Time/op (fastest batch) | Time/op (median batch) | CPU/op (median) | Alloc/op | Ratio (fastest) | Ratio (median) | Ratio (paired median) | CPU ratio | Alloc ratio |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

        if (Wants("streams"))
        {
            await CompareStreamsAsync().ConfigureAwait(false);
        }

        if (Wants("meai"))
        {
            await CompareChatClientsAsync().ConfigureAwait(false);
        }

        if (Wants("embeddings"))
        {
            await CompareEmbeddingsAsync().ConfigureAwait(false);
        }

        if (Wants("sync"))
        {
            await CompareSyncAsync().ConfigureAwait(false);
        }

        // A whole run goes on without Redis where it is not installed; asked for by name, its absence is an error.
        if (only is null && !RedisProcess.IsInstalled)
        {
            Console.WriteLine("| Fleet limiter on loopback Redis | skipped: redis-server is not installed (apt-get install -y redis-server) | | | | | | | | | |");
        }
        else if (Wants("redis"))
        {
            await CompareRedisAsync().ConfigureAwait(false);
        }

        if (Wants("first-chunk"))
        {
            var first = new TimeToFirstChunkBenchmarks();
            first.Setup();
            try
            {
                await CompareAsync("Time to first chunk (op = one stream opened)", ("Raw HttpClient", first.Raw, 1), ("Qianfan.Sdk", first.Sdk, 1)).ConfigureAwait(false);
            }
            finally
            {
                first.Cleanup();
            }
        }

        return 0;
    }

    /// <summary>The fleet limiter's acquisition on a loopback redis-server against a bare PING, 1 and 64 callers.</summary>
    private static async Task CompareRedisAsync()
    {
        var redis = new RedisLimiterBenchmarks();
        redis.Setup();
        try
        {
            await CompareAsync(
                "Fleet limiter on loopback Redis, 1 caller (op = one acquisition)",
                ("PING round trip", async () => { await redis.Ping().ConfigureAwait(false); return 1; }, 1),
                ("Fleet acquisition (Lua)", async () => { await redis.Acquire().ConfigureAwait(false); return 1; }, 1)).ConfigureAwait(false);
            await CompareAsync(
                $"Fleet limiter on loopback Redis, {RedisLimiterBenchmarks.Callers} callers (op = one acquisition)",
                ("PING round trip", async () => { await redis.Ping_64().ConfigureAwait(false); return 1; }, RedisLimiterBenchmarks.Callers),
                ("Fleet acquisition (Lua)", async () => { await redis.Acquire_64().ConfigureAwait(false); return 1; }, RedisLimiterBenchmarks.Callers)).ConfigureAwait(false);
        }
        finally
        {
            redis.Cleanup();
        }
    }

    private static async Task CompareStreamsAsync()
    {
        foreach (var chunks in new[] { 200, 2000 })
        {
            var decode = new StreamDecodingBenchmarks { Chunks = chunks };
            decode.Setup();
            try
            {
                await CompareAsync(
                    $"Stream decoding, {chunks} chunks (op = one stream)",
                    ("Hand-written", decode.HandWritten, 1),
                    ("Qianfan.Sdk", decode.Sdk, 1),
                    ("OpenAI SDK", decode.OpenAISdk, 1)).ConfigureAwait(false);
            }
            finally
            {
                decode.Cleanup();
            }
        }
    }

    /// <summary>The same V2 stream as M.E.AI updates: the SDK's IChatClient against OpenAIChatClient (the baseline), then per chunk.</summary>
    private static async Task CompareChatClientsAsync()
    {
        foreach (var chunks in new[] { 200, 2000 })
        {
            var streaming = new ChatClientStreamingBenchmarks { Chunks = chunks };
            streaming.Setup();
            try
            {
                var allocations = await CompareAsync(
                    $"IChatClient streaming, {chunks} V2 chunks (op = one stream)",
                    ("M.E.AI.OpenAI OpenAIChatClient", streaming.OpenAIChatClient, 1),
                    ("Qianfan.Sdk AsIChatClient", streaming.Qianfan, 1),
                    ("Qianfan.Sdk ChatCompletions.StreamAsync (no adapter)", streaming.SdkStreamAsync, 1)).ConfigureAwait(false);
                Console.WriteLine();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| IChatClient streaming, {chunks} chunks, per chunk | Allocated/chunk (median) | Ratio |"));
                Console.WriteLine("|---|---:|---:|");
                foreach (var (name, allocated) in allocations)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {allocated / chunks:N0} B | {allocated / allocations[0].AllocatedPerOp:0.00} |"));
                }

                Console.WriteLine();
            }
            finally
            {
                streaming.Cleanup();
            }
        }
    }

    /// <summary>The embeddings reply decoded four ways, then each one's bytes per vector: the reply's and the allocated.</summary>
    private static async Task CompareEmbeddingsAsync()
    {
        var embeddings = new EmbeddingDecodingBenchmarks { Vectors = 16 };
        embeddings.Setup();
        try
        {
            var vectors = embeddings.Vectors;
            var allocations = await CompareAsync(
                $"Embeddings decoding, {vectors} × {EmbeddingCorpus.Dimensions} floats (op = one reply)",
                ("Hand-written", embeddings.HandWritten, 1),
                ("Hand-written, whole body first", embeddings.HandWrittenWholeBody, 1),
                ("Qianfan.Sdk V1", embeddings.Sdk, 1),
                ("Qianfan.Sdk V2", embeddings.SdkV2, 1),
                ("OpenAI SDK", embeddings.OpenAISdk, 1)).ConfigureAwait(false);
            var replyBytes = (double)EmbeddingCorpus.Reply(vectors).Length / vectors;
            Console.WriteLine();
            Console.WriteLine("| Embeddings, per vector | Reply bytes/vector | Allocated/vector (median) |");
            Console.WriteLine("|---|---:|---:|");
            foreach (var (name, allocated) in allocations)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {replyBytes:N0} B | {allocated / vectors:N0} B |"));
            }

            Console.WriteLine();
        }
        finally
        {
            embeddings.Cleanup();
        }
    }

    private static async Task CompareSyncAsync()
    {
        var sync = new SyncChatBenchmarks();
        sync.Setup();
        try
        {
            await CompareAsync(
                "Sync chat, 1 caller (op = one request)",
                ("Raw HttpClient", sync.Raw_1, 1),
                ("Qianfan.Sdk", sync.Sdk_1, 1),
                ("Qianfan.Sdk, given an HttpClient", sync.SdkGivenHttpClient_1, 1),
                ("Raw HttpClient, with a timeout", sync.RawWithTimeout_1, 1)).ConfigureAwait(false);
            await CompareAsync(
                $"Sync chat, {SyncChatBenchmarks.Callers} callers (op = one request)",
                ("Raw HttpClient", sync.Raw_64, SyncChatBenchmarks.Callers),
                ("Qianfan.Sdk", sync.Sdk_64, SyncChatBenchmarks.Callers),
                ("Qianfan.Sdk, given an HttpClient", sync.SdkGivenHttpClient_64, SyncChatBenchmarks.Callers),
                ("Raw HttpClient, with a timeout", sync.RawWithTimeout_64, SyncChatBenchmarks.Callers)).ConfigureAwait(false);
        }
        finally
        {
            sync.Cleanup();
        }

        var overhead = new SyncOverheadBenchmarks();
        overhead.Setup();
        try
        {
            await CompareAsync(
                "Sync chat from memory, the client's share (op = one request)",
                ("Raw HttpClient", overhead.Raw, 1),
                ("Qianfan.Sdk", overhead.Sdk, 1),
                ("Raw HttpClient, with a timeout", overhead.RawWithTimeout, 1)).ConfigureAwait(false);
        }
        finally
        {
            overhead.Cleanup();
        }
    }

    /// <summary>
    /// What goes on the wire for the request-building benchmark's conversation (10 Chinese history messages, the new
    /// question and a system prompt): the SDK's body against the same DTO written as raw UTF-8 (goal 1.0×), and the
    /// size System.Text.Json's default encoder would give it (every Chinese character a six-byte escape).
    /// </summary>
    private static void ReportRequestBytes()
    {
        var building = new RequestBuildingBenchmarks();
        building.Setup();
        var raw = building.RawSerialize().Length;
        var sdk = building.Serialize().Length;
        var escaped = building.EscapedSerialize().Length;
        Console.WriteLine("| Request bytes, 10-message Chinese conversation | Bytes | Ratio to raw UTF-8 |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Raw UTF-8 DTO | {raw:N0} | 1.00 |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Qianfan.Sdk | {sdk:N0} | {(double)sdk / raw:0.00} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Default encoder (\\uXXXX escapes) | {escaped:N0} | {(double)escaped / raw:0.00} |"));
        Console.WriteLine();
    }

    /// <returns>Each client's median allocation per op.</returns>
    private static async Task<List<(string Name, double AllocatedPerOp)>> CompareAsync(string title, params (string Name, Func<Task<int>> Run, int OpsPerCall)[] clients)
    {
        // Calibrate: calls per batch so each batch takes about BatchTarget.
        var calls = new int[clients.Length];
        for (var i = 0; i < clients.Length; i++)
        {
            await clients[i].Run().ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            await clients[i].Run().ConfigureAwait(false);
            var one = Stopwatch.GetElapsedTime(started);
            calls[i] = Math.Max(1, (int)(BatchTarget.Ticks / Math.Max(one.Ticks, 1)));
        }

        var wall = clients.Select(_ => new List<double>()).ToArray();
        var cpu = clients.Select(_ => new List<double>()).ToArray();
        var alloc = clients.Select(_ => new List<double>()).ToArray();
        using var process = Process.GetCurrentProcess();
        for (var round = 0; round < Rounds; round++)
        {
            // A B C, then C B A: each client sees the same drift on average.
            var order = Enumerable.Range(0, clients.Length);
            if (round % 2 == 1)
            {
                order = order.Reverse();
            }

            foreach (var i in order)
            {
                var ops = (double)calls[i] * clients[i].OpsPerCall;
                process.Refresh();
                var cpuStarted = process.TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var started = Stopwatch.GetTimestamp();
                for (var c = 0; c < calls[i]; c++)
                {
                    await clients[i].Run().ConfigureAwait(false);
                }

                var elapsed = Stopwatch.GetElapsedTime(started);
                var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                process.Refresh();
                var cpuUsed = process.TotalProcessorTime - cpuStarted;
                if (round >= WarmupRounds)
                {
                    wall[i].Add(elapsed.TotalMicroseconds / ops);
                    cpu[i].Add(cpuUsed.TotalMicroseconds / ops);
                    alloc[i].Add(bytes / ops);
                }
            }
        }

        var baseFastest = wall[0].Min();
        var baseMedian = Median(wall[0]);
        var baseAlloc = Median(alloc[0]);
        var baseCpu = Median(cpu[0]);
        var allocations = new List<(string Name, double AllocatedPerOp)>();
        for (var i = 0; i < clients.Length; i++)
        {
            var fastest = wall[i].Min();
            var median = Median(wall[i]);
            var a = Median(alloc[i]);
            var c = Median(cpu[i]);
            // Each round's batch against the baseline's batch of the same round: drift common to both cancels.
            var paired = Median(wall[i].Zip(wall[0], static (x, b) => x / b).ToList());
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {(i == 0 ? title : "")} | {clients[i].Name} | {Micros(fastest)} | {Micros(median)} | {Micros(c)} | {a:N0} B | {fastest / baseFastest:0.00} | {median / baseMedian:0.00} | {paired:0.00} | {c / baseCpu:0.00} | {a / baseAlloc:0.00} |"));
            allocations.Add((clients[i].Name, a));
        }

        return allocations;
    }

    private static string Micros(double us) => us >= 1000
        ? (us / 1000).ToString("N2", CultureInfo.InvariantCulture) + " ms"
        : us.ToString("N1", CultureInfo.InvariantCulture) + " µs";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
