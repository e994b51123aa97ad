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

    public static IEnumerable<RecordedRequest> Chats(this IEnumerable<RecordedRequest> requests) => requests.Where(r => r.IsChat || r.IsV2Chat);

    public static IEnumerable<RecordedRequest> From(this IEnumerable<RecordedRequest> requests, string instance) =>
        requests.Where(r => r.Headers.TryGetValue(FleetInstance.InstanceHeader, out var name) && name == instance);
}
