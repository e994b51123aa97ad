namespace Qianfan.Sdk.Zhipu.Errors;

/// <summary>
/// An asynchronous task ended without a result: the service reported <c>task_status: FAIL</c>. The service says no
/// more about why; the task id is kept for a support ticket.
/// </summary>
public sealed class ZhipuTaskFailedException : ZhipuException
{
    /// <summary>Creates an exception with no details.</summary>
    public ZhipuTaskFailedException()
        : this("The asynchronous task failed.")
    {
    }

    /// <summary>Creates an exception with no details.</summary>
    public ZhipuTaskFailedException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with no details.</summary>
    public ZhipuTaskFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        TaskId = "";
        TaskStatus = "";
    }

    /// <summary>Creates an exception for the task <paramref name="taskId"/>, which ended with <paramref name="taskStatus"/>.</summary>
    public ZhipuTaskFailedException(string taskId, string taskStatus, string? requestId)
        : base(null, $"the asynchronous task {taskId} ended with task_status {taskStatus}", requestId)
    {
        TaskId = taskId;
        TaskStatus = taskStatus;
    }

    /// <summary>The task's id, as <c>SubmitAsync</c> returned it.</summary>
    public string TaskId { get; }

    /// <summary>The status it ended with, as the service wrote it (<c>FAIL</c>).</summary>
    public string TaskStatus { get; }

    /// <summary>A failed task stays failed: submit a new one instead.</summary>
    public override bool IsRetryable => false;
}
