using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.Redis.Tests;

/// <summary>Counts over the emulator's recording: the most requests that arrived within any window of a given length.</summary>
internal static class RequestWindows
{
    /// <summary>The most of <paramref name="times"/> (in any order) that fall within one half-open window of <paramref name="length"/>.</summary>
    public static int Busiest(IEnumerable<DateTimeOffset> times, TimeSpan length)
    {
        var sorted = times.Order().ToArray();
        var most = 0;
        for (int first = 0, last = 0; last < sorted.Length; last++)
        {
            while (sorted[last] - sorted[first] >= length)
            {
                first++;
            }

            most = Math.Max(most, last - first + 1);
        }

        return most;
    }

    /// <summary>The requests of the busiest window of <paramref name="length"/>, as "instance +ms" lines, for failure messages.</summary>
    public static string Describe(IEnumerable<RecordedRequest> requests, TimeSpan length)
    {
        var sorted = requests.OrderBy(r => r.ReceivedAt).ToArray();
        var (bestFirst, bestCount) = (0, 0);
        for (int first = 0, last = 0; last < sorted.Length; last++)
        {
            while (sorted[last].ReceivedAt - sorted[first].ReceivedAt >= length)
            {
                first++;
            }

            if (last - first + 1 > bestCount)
            {
                (bestFirst, bestCount) = (first, last - first + 1);
            }
        }

        var start = sorted.Length == 0 ? default : sorted[0].ReceivedAt;
        return string.Join("\n", sorted.Skip(Math.Max(0, bestFirst - 3)).Take(bestCount + 6).Select(r =>
            $"{(r.Headers.TryGetValue(FleetInstance.InstanceHeader, out var name) ? name : "?")} +{(r.ReceivedAt - start).TotalMilliseconds:0.0} ms{Sent(r)}"));
    }

    private static string Sent(RecordedRequest request) =>
        request.Headers.TryGetValue("X-Test-Sent", out var ticks) && long.TryParse(ticks, System.Globalization.CultureInfo.InvariantCulture, out var sent)
            ? $" (sent {(request.ReceivedAt - new DateTimeOffset(sent, TimeSpan.Zero)).TotalMilliseconds:0.0} ms before)"
            : "";

    public static IEnumerable<RecordedRequest> Chats(this IEnumerable<RecordedRequest> requests) => requests.Where(r => r.IsChat || r.IsV2Chat);

    /// <summary>DashScope's text generations (<c>/api/v1/services/aigc/text-generation/generation</c>).</summary>
    public static IEnumerable<RecordedRequest> Generations(this IEnumerable<RecordedRequest> requests) =>
        requests.Where(r => r.Path.EndsWith("/services/aigc/text-generation/generation", StringComparison.Ordinal));

    public static IEnumerable<RecordedRequest> ZhipuChats(this IEnumerable<RecordedRequest> requests) =>
        requests.Where(r => r.Path.EndsWith("/api/paas/v4/chat/completions", StringComparison.Ordinal));

    public static IEnumerable<RecordedRequest> From(this IEnumerable<RecordedRequest> requests, string instance) =>
        requests.Where(r => r.Headers.TryGetValue(FleetInstance.InstanceHeader, out var name) && name == instance);
}
