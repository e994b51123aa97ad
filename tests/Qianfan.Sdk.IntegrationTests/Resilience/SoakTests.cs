using Qianfan.Sdk.Errors;
using Xunit.Abstractions;
using static Qianfan.Sdk.IntegrationTests.Resilience.ResilienceHarness;

namespace Qianfan.Sdk.IntegrationTests.Resilience;

public sealed class SoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwoThousandCallsThroughRandomFaults_EachGetsItsOwnReplyOrATypedError()
    {
        const int calls = 2000;
        const int callers = 64;
        await using var harness = await StartAsync(o => o.Timeout = TimeSpan.FromSeconds(5));
        harness.Emulator.Scenarios.InjectRandomFaults(0.2, seed: 20261124);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(50));

        var next = -1;
        var replies = new string?[calls];
        var failures = new Exception?[calls];
        var workers = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < calls)
            {
                try
                {
                    var request = Ask($"第{i}号请求");
                    if (i % 2 == 0)
                    {
                        replies[i] = (await harness.Client.Chat.CompleteAsync(request, deadline.Token)).Result;
                    }
                    else
                    {
                        var chunks = await harness.Client.Chat.StreamAsync(request, deadline.Token).ToListAsync(deadline.Token);
                        Assert.True(chunks[^1].IsEnd);
                        replies[i] = string.Concat(chunks.Select(c => c.Result));
                    }
                }
                catch (Exception ex) when (ex is QianfanException or HttpRequestException or TimeoutException)
                {
                    failures[i] = ex;
                }
            }
        }));
        await Task.WhenAll(workers);

        var succeeded = 0;
        for (var i = 0; i < calls; i++)
        {
            Assert.True(replies[i] is null ^ failures[i] is null, $"call {i} has both or neither a reply and a failure");
            if (replies[i] is { } reply)
            {
                Assert.Contains($"你说的是：第{i}号请求。", reply, StringComparison.Ordinal);
                succeeded++;
            }
        }

        var requests = harness.Emulator.Requests;
        var attempts = requests.Count(r => r.IsChat);
        var failed = failures.Where(f => f is not null).GroupBy(f => f!.GetType().Name).Select(g => $"{g.Key}={g.Count()}");
        output.WriteLine(
            $"calls={calls} succeeded={succeeded} failed={calls - succeeded} ({string.Join(", ", failed)}) chat attempts={attempts} " +
            $"token exchanges={requests.Count(r => r.IsTokenRequest)} faults injected={harness.Emulator.Scenarios.RandomFaultsInjected}");
        Assert.True(succeeded >= calls * 0.98, $"only {succeeded} of {calls} calls succeeded");
        Assert.True(harness.Emulator.Scenarios.RandomFaultsInjected > calls / 10);
        Assert.False(deadline.IsCancellationRequested);
    }
}
