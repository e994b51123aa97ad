using Qianfan.Sdk.Errors;
using static Qianfan.Sdk.IntegrationTests.Resilience.ResilienceHarness;

namespace Qianfan.Sdk.IntegrationTests.Resilience;

public sealed class ClientRateLimitTests
{
    // The client lets a request go exactly a second after the one `limit` places before it; loopback delivery can
    // still bring one in a few milliseconds sooner than the other on a busy machine.
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(30);

    [Fact]
    public async Task QueriesPerSecondLimit_IsHeldAtTheService()
    {
        const int limit = 4;
        await using var harness = await StartAsync(o => o.RateLimits.QueriesPerSecond = limit);
        await WarmUpAsync(harness);

        await Task.WhenAll(Enumerable.Range(0, 14).Select(i => harness.Client.Chat.CompleteAsync(Ask($"限速{i}"))));

        var times = harness.Emulator.Requests.Where(r => r.IsChat).Select(r => r.ReceivedAt).Order().ToList();
        Assert.Equal(14, times.Count);
        for (var i = 0; i + limit < times.Count; i++)
        {
            // Any one-second window holds at most `limit` requests: the request `limit` places later is a second on.
            Assert.True(times[i + limit] - times[i] >= Second, $"requests {i} and {i + limit} arrived {(times[i + limit] - times[i]).TotalMilliseconds} ms apart");
        }
    }

    [Fact]
    public async Task StreamsAndSyncCalls_ShareOneLimit()
    {
        const int limit = 3;
        await using var harness = await StartAsync(o => o.RateLimits.QueriesPerSecond = limit);
        await WarmUpAsync(harness);

        var sync = Enumerable.Range(0, 4).Select(i => harness.Client.Chat.CompleteAsync(Ask($"同步{i}")));
        var streams = Enumerable.Range(0, 4).Select(async i => await harness.Client.Chat.StreamAsync(Ask($"流式{i}")).ToListAsync());
        await Task.WhenAll(sync.Cast<Task>().Concat(streams));

        var times = harness.Emulator.Requests.Where(r => r.IsChat).Select(r => r.ReceivedAt).Order().ToList();
        for (var i = 0; i + limit < times.Count; i++)
        {
            Assert.True(times[i + limit] - times[i] >= Second);
        }
    }

    /// <summary>
    /// Serves one sync and one streamed call first, so the emulator's first-call start-up (compiling its chat path)
    /// does not delay the arrival of the measured burst's first requests, then lets the limit's second pass.
    /// </summary>
    private static async Task WarmUpAsync(ResilienceHarness harness)
    {
        await harness.Client.Chat.CompleteAsync(Ask("预热"));
        await harness.Client.Chat.StreamAsync(Ask("预热")).ToListAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        harness.Emulator.ClearRequests();
    }

    [Fact]
    public async Task CallersPastTheQueueLimit_GetATypedException()
    {
        await using var harness = await StartAsync(o =>
        {
            o.RateLimits.QueriesPerSecond = 1;
            o.RateLimits.QueueLimit = 2;
        });

        var calls = Enumerable.Range(0, 6).Select(i => harness.Client.Chat.CompleteAsync(Ask($"排队{i}"))).ToList();
        var outcomes = await Task.WhenAll(calls.Select(async c =>
        {
            try
            {
                await c;
                return "ok";
            }
            catch (QianfanRateLimitExceededException)
            {
                return "rejected";
            }
        }));

        // One permit, two waiting places: the other three are turned away without reaching the service.
        Assert.Equal(3, outcomes.Count(o => o == "ok"));
        Assert.Equal(3, outcomes.Count(o => o == "rejected"));
        Assert.Equal(3, harness.ChatAttempts);
    }

    [Fact]
    public async Task TokensPerMinuteLimit_MakesTheNextCallWaitOnceTheReportedUsageIsSpent()
    {
        await using var harness = await StartAsync(o => o.RateLimits.TokensPerMinute = 10);

        var first = await harness.Client.Chat.CompleteAsync(Ask("用掉令牌"));
        Assert.True(first.Usage!.TotalTokens >= 10);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        // The minute's budget is spent, so the second call waits (here until it is cancelled) and is never sent.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Client.Chat.CompleteAsync(Ask("等待"), cancellation.Token));
        Assert.Equal(1, harness.ChatAttempts);
    }
}
