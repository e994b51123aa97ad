namespace Qianfan.Sdk.Emulator.Hosting;

/// <summary>What a stream does right after its first piece, V1 and V2 alike: wait for a held stream's release, or go silent.</summary>
internal static class StreamPauses
{
    /// <summary>
    /// Applies <see cref="EmulatorScenarios.HoldNextStreamAfterFirstChunk"/> (waits for the release) and
    /// <see cref="EmulatorScenarios.SilenceNextStreamsAfterFirstChunk"/> (sends nothing more until the client leaves or
    /// the emulator stops, which cancels <paramref name="cancellationToken"/>).
    /// </summary>
    public static async Task AfterFirstChunkAsync(EmulatorScenarios scenarios, CancellationToken cancellationToken)
    {
        if (scenarios.TakeHold() is { } hold)
        {
            hold.NotifyFirstChunkSent();
            await hold.WaitForReleaseAsync(cancellationToken).ConfigureAwait(false);
        }

        if (scenarios.StreamSilences.TryTake(out _))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
    }
}
