namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>
/// The states of an asynchronous task, in the service's words (<c>task_status</c>). There are three: a task that did
/// not succeed says <c>FAIL</c> — not <c>FAILED</c>, which the documentation's own polling sample waits for in vain.
/// </summary>
public static class AsyncTaskStatus
{
    /// <summary>Still running: poll again later.</summary>
    public const string Processing = "PROCESSING";

    /// <summary>Done: the result carries the reply.</summary>
    public const string Success = "SUCCESS";

    /// <summary>Ended without a result.</summary>
    public const string Fail = "FAIL";
}
