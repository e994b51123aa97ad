namespace Qianfan.Sdk.Emulator;

/// <summary>
/// Holds one stream after its first piece was flushed until the test calls <see cref="Release"/>, so a test can
/// prove its client received piece 0 before piece 1 was even written.
/// </summary>
public sealed class StreamHold
{
    private readonly TaskCompletionSource _firstChunkSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal StreamHold()
    {
    }

    /// <summary>Completes once the held stream's first piece has been written and flushed to the socket.</summary>
    public Task FirstChunkSent => _firstChunkSent.Task;

    /// <summary>Whether <see cref="Release"/> was called (or the emulator stopped).</summary>
    public bool IsReleased => _released.Task.IsCompleted;

    /// <summary>Lets the held stream send the rest of its pieces; calling it again does nothing.</summary>
    public void Release() => _released.TrySetResult();

    internal void NotifyFirstChunkSent() => _firstChunkSent.TrySetResult();

    internal Task WaitForReleaseAsync(CancellationToken cancellationToken) => _released.Task.WaitAsync(cancellationToken);
}
