namespace Qianfan.Sdk.Core;

/// <summary>
/// How the SDK waits for a task the service runs in the background (an asynchronous chat, an image synthesis): how
/// often it asks for the task's state and how long it waits in all. Each poll is an ordinary call, retried like any.
/// </summary>
public sealed class TaskPollingOptions
{
    /// <summary>The wait before the second poll; default 2 seconds.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How much each wait grows over the one before (1 keeps it constant); default 1.5.</summary>
    public double BackoffFactor { get; set; } = 1.5;

    /// <summary>The longest wait between two polls; default 10 seconds.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long to wait for the task in all before giving up with a <see cref="TimeoutException"/> (the task runs on at
    /// the service); default 10 minutes. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> waits as long as it takes.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);
}
