using Microsoft.Extensions.Time.Testing;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.IntegrationTests.Sdk;

/// <summary>
/// The client's timeouts and retry waits run on the TimeProvider it is given, here a fake one the test moves (the
/// emulator keeps the real clock): a timeout passes only when the test moves the clock past it, never by itself.
/// </summary>
public sealed class ClientClockTests
{
    [Fact]
    public async Task SyncAttempt_TimesOutWhenTheClientsClockPassesTheTimeout()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        var clock = new FakeTimeProvider();
        var options = SdkHarness.Options(emu, singleAttempt: true);
        options.Timeout = TimeSpan.FromSeconds(30);
        using var client = new QianfanClient(SdkHarness.Credentials(emu), options, timeProvider: clock);
        await client.Chat.CompleteAsync(SdkHarness.Ask("warm up"));
        emu.Scenarios.DelayNextChatResponses(1, TimeSpan.FromMinutes(5));

        var call = client.Chat.CompleteAsync(SdkHarness.Ask("慢"));
        await SdkHarness.WaitUntilAsync(() => emu.ChatRequests().Count == 2);
        clock.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(100);
        Assert.False(call.IsCompleted);
        await AdvanceUntilAsync(clock, call, TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call);
        Assert.Equal("chat/ernie-lite-8k did not answer within 30 s.", error.Message);
        Assert.Equal(2, emu.ChatRequests().Count);
    }

    [Fact]
    public async Task RetryWait_PassesOnlyAsTheClientsClockMoves()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        var clock = new FakeTimeProvider();
        var options = SdkHarness.Options(emu);
        options.Retry.BaseDelay = TimeSpan.FromSeconds(10);
        using var client = new QianfanClient(SdkHarness.Credentials(emu), options, timeProvider: clock);
        emu.Scenarios.FailNextChatCalls(1, QianfanErrorCodes.QpsLimitReached);

        var call = client.Chat.CompleteAsync(SdkHarness.Ask("等一等"));
        await SdkHarness.WaitUntilAsync(() => emu.ChatRequests().Count == 1);
        await Task.Delay(200);
        Assert.False(call.IsCompleted); // waiting for the client's clock, not the real one
        Assert.Single(emu.ChatRequests());
        await AdvanceUntilAsync(clock, call, TimeSpan.FromSeconds(1));

        Assert.Equal(SdkHarness.DefaultReply("等一等"), (await call).Result);
        Assert.Equal(2, emu.ChatRequests().Count);
    }

    [Fact]
    public async Task Stream_SilentPastTheIdleTimeoutAfterItsFirstChunk_IsATimeoutException_NotRetried()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        var clock = new FakeTimeProvider();
        var options = SdkHarness.Options(emu);
        options.StreamIdleTimeout = TimeSpan.FromSeconds(5);
        using var client = new QianfanClient(SdkHarness.Credentials(emu), options, timeProvider: clock);
        var hold = emu.Scenarios.HoldNextStreamAfterFirstChunk();
        try
        {
            await using var chunks = client.Chat.StreamAsync(SdkHarness.Ask("你好")).GetAsyncEnumerator();
            Assert.True(await chunks.MoveNextAsync().AsTask().WaitAsync(SdkHarness.Soon));
            Assert.Equal("这是千帆模拟器的回答。", chunks.Current.Result);

            var next = chunks.MoveNextAsync().AsTask();
            clock.Advance(TimeSpan.FromSeconds(4));
            await Task.Delay(100);
            Assert.False(next.IsCompleted);
            await AdvanceUntilAsync(clock, next, TimeSpan.FromSeconds(1));

            var error = await Assert.ThrowsAsync<TimeoutException>(() => next);
            Assert.Equal("The stream sent nothing for 5 s after 1 chunk(s) (the stream idle timeout).", error.Message);
            Assert.Single(emu.ChatRequests()); // chunks had reached the caller: never repeated
        }
        finally
        {
            hold.Release();
        }
    }

    [Fact]
    public async Task Stream_TimeTheCallerSpendsBetweenReads_IsNotIdle()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        var clock = new FakeTimeProvider();
        var options = SdkHarness.Options(emu);
        options.StreamIdleTimeout = TimeSpan.FromSeconds(5);
        using var client = new QianfanClient(SdkHarness.Credentials(emu), options, timeProvider: clock);
        var hold = emu.Scenarios.HoldNextStreamAfterFirstChunk();
        var received = new List<ChatChunk>();
        try
        {
            await using var chunks = client.Chat.StreamAsync(SdkHarness.Ask("你好")).GetAsyncEnumerator();
            Assert.True(await chunks.MoveNextAsync().AsTask().WaitAsync(SdkHarness.Soon));
            received.Add(chunks.Current);

            // A read waits 4 s of the 5 (its idle timer armed), then the second chunk comes.
            var second = chunks.MoveNextAsync().AsTask();
            clock.Advance(TimeSpan.FromSeconds(4));
            hold.Release();
            Assert.True(await second.WaitAsync(SdkHarness.Soon));
            received.Add(chunks.Current);

            // The caller is busy for a minute before it reads on: no read was waiting, so the stream was not idle.
            clock.Advance(TimeSpan.FromMinutes(1));
            while (await chunks.MoveNextAsync().AsTask().WaitAsync(SdkHarness.Soon))
            {
                received.Add(chunks.Current);
            }
        }
        finally
        {
            hold.Release();
        }

        Assert.True(received[^1].IsEnd);
        Assert.Equal(SdkHarness.DefaultReply("你好"), string.Concat(received.Select(c => c.Result)));
        Assert.Single(emu.ChatRequests());
    }

    /// <summary>
    /// Moves <paramref name="clock"/> by <paramref name="step"/> until <paramref name="task"/> ends (the SDK may arm its
    /// timer a moment after the test moved the clock); a real-time guard fails the test if it never does.
    /// </summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Task task, TimeSpan step)
    {
        var guard = DateTime.UtcNow + SdkHarness.Soon;
        while (!task.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < guard, "the call did not end as the client's clock moved");
            clock.Advance(step);
            await Task.WhenAny(task, Task.Delay(20));
        }
    }
}
