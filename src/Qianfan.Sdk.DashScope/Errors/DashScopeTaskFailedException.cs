namespace Qianfan.Sdk.DashScope.Errors;

/// <summary>
/// An asynchronous task (an image synthesis …) ended without succeeding: <c>FAILED</c> (with the service's
/// <see cref="DashScopeException.Code"/> and message), <c>CANCELED</c>, or <c>UNKNOWN</c> (an id the service does not
/// know, or whose result has expired). Repeating the wait will not help; submitting again may.
/// </summary>
public sealed class DashScopeTaskFailedException : DashScopeException
{
    /// <summary>Creates an exception with no details.</summary>
    public DashScopeTaskFailedException()
        : this("The task did not succeed.")
    {
    }

    /// <summary>Creates an exception with no details.</summary>
    public DashScopeTaskFailedException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with no details.</summary>
    public DashScopeTaskFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        TaskId = "";
        TaskStatus = "";
    }

    /// <summary>Creates an exception for a task that ended in <paramref name="taskStatus"/>.</summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="taskStatus">Its last state as the service spells it (<c>FAILED</c>, <c>CANCELED</c>, <c>UNKNOWN</c>).</param>
    /// <param name="code">The task's error code, where the service gave one.</param>
    /// <param name="errorMessage">The task's error message, or what the state means.</param>
    /// <param name="requestId">The request id of the poll that saw the state.</param>
    public DashScopeTaskFailedException(string taskId, string taskStatus, string? code, string errorMessage, string? requestId)
        : base(code, $"task {taskId} ended {taskStatus}: {errorMessage}", requestId)
    {
        TaskId = taskId;
        TaskStatus = taskStatus;
    }

    /// <summary>The task's id.</summary>
    public string TaskId { get; }

    /// <summary>The task's last state, as the service spells it.</summary>
    public string TaskStatus { get; }

    /// <inheritdoc />
    public override bool IsRetryable => false;
}
