namespace Qianfan.Sdk.Zhipu.Tests.TestSupport;

/// <summary>
/// Bounds a wait so a broken SDK fails the test instead of hanging it; fails with xunit's own failure, never with a
/// <see cref="TimeoutException"/>, so it cannot be mistaken for the SDK's timeout.
/// </summary>
internal static class TaskGuards
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task OrHang(this Task task)
    {
        if (await System.Threading.Tasks.Task.WhenAny(task, System.Threading.Tasks.Task.Delay(Patience)) != task)
        {
            Assert.Fail($"the operation did not finish within {Patience.TotalSeconds} s");
        }

        await task;
    }

    public static async Task<T> OrHang<T>(this Task<T> task)
    {
        if (await System.Threading.Tasks.Task.WhenAny(task, System.Threading.Tasks.Task.Delay(Patience)) != task)
        {
            Assert.Fail($"the operation did not finish within {Patience.TotalSeconds} s");
        }

        return await task;
    }
}
