using Microsoft.Extensions.Time.Testing;

namespace Qianfan.Sdk.IntegrationTests.Zhipu;

/// <summary>Drives a fake clock the emulator and the SDK share, for operations that wait on it (polls, JWT renewals).</summary>
internal static class Clock
{
    /// <summary>Advances <paramref name="time"/> half a second at a time until the operation has finished (a generous real-time guard).</summary>
    public static async Task<T> DriveAsync<T>(FakeTimeProvider time, Task<T> operation)
    {
        for (var i = 0; i < 4000 && !operation.IsCompleted; i++)
        {
            await Task.Delay(5);
            time.Advance(TimeSpan.FromMilliseconds(500));
        }

        Assert.True(operation.IsCompleted, "the operation did not finish");
        return await operation;
    }
}
