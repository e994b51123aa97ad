using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Qianfan.Sdk.Benchmarks;

/// <summary>
/// <c>--alloc-profile</c>: where a request's bytes go, by type, for the SDK and the raw client (sync chat, and a stream
/// opened to its first chunk). The runtime reports
/// a <c>GCAllocationTick</c> event each time about 100 KB has been allocated, naming the type of the object that
/// crossed the line, so over many requests the count per type is proportional to its share of the bytes. Both runs
/// include the in-process server's allocations; the difference between the tables is the client's.
/// </summary>
public static class AllocationProfile
{
    private const int Requests = 40_000;
    private const double TickBytes = 100 * 1024;

    public static async Task<int> RunAsync()
    {
        var sync = new SyncChatBenchmarks();
        sync.Setup();
        try
        {
            await CompareAsync("Sync chat, 1 caller", (sync.Raw_1, 1), (sync.Sdk_1, 1)).ConfigureAwait(false);
            await CompareAsync($"Sync chat, {SyncChatBenchmarks.Callers} callers", (sync.Raw_64, SyncChatBenchmarks.Callers), (sync.Sdk_64, SyncChatBenchmarks.Callers)).ConfigureAwait(false);
        }
        finally
        {
            sync.Cleanup();
        }

        var streams = new StreamDecodingBenchmarks { Chunks = 200 };
        streams.Setup();
        try
        {
            await CompareAsync("Stream decoding, 200 chunks (per stream)", (streams.HandWritten, 1), (streams.Sdk, 1), requests: 2_000).ConfigureAwait(false);
        }
        finally
        {
            streams.Cleanup();
        }

        var first = new TimeToFirstChunkBenchmarks();
        first.Setup();
        try
        {
            await CompareAsync("Time to first chunk", (first.Raw, 1), (first.Sdk, 1)).ConfigureAwait(false);
        }
        finally
        {
            first.Cleanup();
        }

        return 0;
    }

    private static async Task CompareAsync(string title, (Func<Task<int>> Run, int Requests) rawCall, (Func<Task<int>> Run, int Requests) sdkCall, int requests = Requests)
    {
        var raw = await ProfileAsync(rawCall.Run, rawCall.Requests, requests).ConfigureAwait(false);
        var sdk = await ProfileAsync(sdkCall.Run, sdkCall.Requests, requests).ConfigureAwait(false);
        Console.WriteLine();
        Console.WriteLine($"{title}: sampled bytes per request over {requests:N0} requests. A sample names the type whose allocation crossed the next ~100 KB,");
        Console.WriteLine($"so figures are estimates: a type shown at N B is within about ±2·√(N·{TickBytes / requests:0.#}) B, and objects that open a new allocation context are over-counted.");
        Console.WriteLine("| Type | Raw HttpClient | Qianfan.Sdk | Difference |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var type in raw.Keys.Union(sdk.Keys).OrderByDescending(t => Math.Abs(sdk.GetValueOrDefault(t) - raw.GetValueOrDefault(t))).Take(25))
        {
            var r = raw.GetValueOrDefault(type);
            var s = sdk.GetValueOrDefault(type);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{type}` | {r:N0} | {s:N0} | {s - r:+#,0;-#,0;0} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **Total** | {raw.Values.Sum():N0} | {sdk.Values.Sum():N0} | {sdk.Values.Sum() - raw.Values.Sum():+#,0;-#,0;0} |"));
    }

    private static async Task<Dictionary<string, double>> ProfileAsync(Func<Task<int>> call, int requestsPerCall, int requests)
    {
        for (var i = 0; i < Math.Min(requests, 2_000) / requestsPerCall; i++)
        {
            await call().ConfigureAwait(false);
        }

        using var listener = new AllocationTickListener();
        for (var i = 0; i < requests / requestsPerCall; i++)
        {
            await call().ConfigureAwait(false);
        }

        listener.Stop();
        return listener.Ticks.ToDictionary(p => p.Key, p => p.Value * TickBytes / requests);
    }

    private sealed class AllocationTickListener : EventListener
    {
        private volatile bool _stopped;

        public ConcurrentDictionary<string, long> Ticks { get; } = new(StringComparer.Ordinal);

        public void Stop() => _stopped = true;

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (_stopped || eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
            {
                return;
            }

            var index = eventData.PayloadNames.IndexOf("TypeName");
            var type = index >= 0 ? eventData.Payload?[index] as string ?? "?" : "?";
            Ticks.AddOrUpdate(type, 1, static (_, n) => n + 1);
        }
    }
}
