namespace Qianfan.Sdk.IntegrationTests.Sdk;

/// <summary>What disposing a client that owns its HTTP stack does to calls in flight and to later calls.</summary>
public sealed class ClientLifetimeTests
{
    [Fact]
    public async Task Dispose_LetsACallInFlightFinish_AndRefusesLaterCalls()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        var client = SdkHarness.Client(emu, singleAttempt: true);
        await client.Chat.CompleteAsync(SdkHarness.Ask("warm up"));
        emu.Scenarios.DelayNextChatResponses(1, TimeSpan.FromMilliseconds(500));
        var inFlight = client.Chat.CompleteAsync(SdkHarness.Ask("in flight"));
        await SdkHarness.WaitUntilAsync(() => emu.ChatRequests().Count == 2);

        client.Dispose();

        Assert.Equal(SdkHarness.DefaultReply("in flight"), (await inFlight.WaitAsync(SdkHarness.Soon)).Result);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.Chat.CompleteAsync(SdkHarness.Ask("too late")));
    }
}
