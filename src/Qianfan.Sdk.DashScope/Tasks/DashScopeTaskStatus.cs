namespace Qianfan.Sdk.DashScope.Tasks;

/// <summary>Where an asynchronous task is (<c>output.task_status</c>).</summary>
public enum DashScopeTaskStatus
{
    /// <summary>A state this version of the SDK does not know; <see cref="DashScopeTask.Output"/> has the text.</summary>
    Unrecognized,

    /// <summary><c>PENDING</c>: queued; the only state in which it can be cancelled.</summary>
    Pending,

    /// <summary><c>RUNNING</c>: being worked on.</summary>
    Running,

    /// <summary><c>SUSPENDED</c>: paused by the service.</summary>
    Suspended,

    /// <summary><c>SUCCEEDED</c>: done; the results are there (terminal).</summary>
    Succeeded,

    /// <summary><c>FAILED</c>: ended with an error code and message (terminal).</summary>
    Failed,

    /// <summary><c>CANCELED</c>: cancelled while pending (terminal).</summary>
    Canceled,

    /// <summary><c>UNKNOWN</c>: the service does not know the id, or its result has expired (terminal).</summary>
    Unknown,
}
