using Qianfan.Sdk.Chat;

namespace Qianfan.Sdk.IntegrationTests.Sdk;

/// <summary>
/// Each call's cancellation and timeouts are its own: a caller cancelling after its call ended, or other calls timing
/// out, must not reach a later call or a stream still being read. (These began as guards for the pooled timeout
/// sources the SDK had before the shared pipeline; the pipeline makes a source per attempt, and they still hold.)
/// </summary>
public sealed class CallIsolationTests
{
    [Fact]
    public async Task CallerCancellingAfterItsCallSucceeded_DoesNotCancelALaterCall()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        using var cts = new CancellationTokenSource();
        await client.Chat.CompleteAsync(SdkHarness.Ask("first"), cts.Token);

        emu.Scenarios.DelayNextChatResponses(1, TimeSpan.FromSeconds(1));
        var later = client.Chat.CompleteAsync(SdkHarness.Ask("later"));
        await SdkHarness.WaitUntilAsync(() => emu.ChatRequests().Count == 2);
        await cts.CancelAsync();

        Assert.Equal(SdkHarness.DefaultReply("later"), (await later.WaitAsync(SdkHarness.Soon)).Result);
    }

    [Fact]
    public async Task StreamKeepsReading_WhileItsOpeningSourceTimesOutOtherCalls()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var streaming = SdkHarness.Client(emu, singleAttempt: true);
        var hold = emu.Scenarios.HoldNextStreamAfterFirstChunk();
        var chunks = streaming.Chat.StreamAsync(SdkHarness.Ask("long answer")).GetAsyncEnumerator();
        try
        {
            Assert.True(await chunks.MoveNextAsync().AsTask().WaitAsync(SdkHarness.Soon));
            var received = new List<ChatChunk> { chunks.Current };

            // Another client's attempts time out meanwhile.
            var options = SdkHarness.Options(emu, singleAttempt: true);
            options.Timeout = TimeSpan.FromMilliseconds(200);
            using var impatient = new QianfanClient(SdkHarness.Credentials(emu), options);
            emu.Scenarios.DelayNextChatResponses(3, TimeSpan.FromSeconds(2));
            for (var i = 0; i < 3; i++)
            {
                await Assert.ThrowsAsync<TimeoutException>(() => impatient.Chat.CompleteAsync(SdkHarness.Ask("hurry")).WaitAsync(SdkHarness.Soon));
            }

            hold.Release();
            while (await chunks.MoveNextAsync().AsTask().WaitAsync(SdkHarness.Soon))
            {
                received.Add(chunks.Current);
            }

            Assert.True(received[^1].IsEnd);
            Assert.Equal(SdkHarness.DefaultReply("long answer"), string.Concat(received.Select(c => c.Result)));
        }
        finally
        {
            hold.Release();
            await chunks.DisposeAsync();
        }
    }
}
