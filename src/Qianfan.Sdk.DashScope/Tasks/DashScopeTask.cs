using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.DashScope.Errors;

namespace Qianfan.Sdk.DashScope.Tasks;

/// <summary>
/// An asynchronous task as the service last described it: what a submission answers (<c>PENDING</c> and the id) and
/// what each poll of <c>GET /tasks/{id}</c> answers, up to its results.
/// </summary>
public sealed class DashScopeTask : ServiceResult
{
    /// <summary>The <c>output</c> as sent.</summary>
    [JsonPropertyName("output")]
    public DashScopeTaskOutput Output { get => OutputOrNull ?? new DashScopeTaskOutput(); set => OutputOrNull = value; }

    /// <summary>What the task was charged, once it has ended.</summary>
    [JsonPropertyName("usage")]
    public DashScopeTaskUsage? Usage { get; set; }

    /// <summary>The task's id ("" when the answer had none).</summary>
    [JsonIgnore]
    public string TaskId => Output.TaskId ?? "";

    /// <summary>Where it is.</summary>
    [JsonIgnore]
    public DashScopeTaskStatus Status => Output.TaskStatus switch
    {
        "PENDING" => DashScopeTaskStatus.Pending,
        "RUNNING" => DashScopeTaskStatus.Running,
        "SUSPENDED" => DashScopeTaskStatus.Suspended,
        "SUCCEEDED" => DashScopeTaskStatus.Succeeded,
        "FAILED" => DashScopeTaskStatus.Failed,
        "CANCELED" => DashScopeTaskStatus.Canceled,
        "UNKNOWN" => DashScopeTaskStatus.Unknown,
        _ => DashScopeTaskStatus.Unrecognized,
    };

    /// <summary>Whether it has ended: succeeded, failed, cancelled or unknown. Polling stops here.</summary>
    [JsonIgnore]
    public bool IsFinished => Status is DashScopeTaskStatus.Succeeded or DashScopeTaskStatus.Failed or DashScopeTaskStatus.Canceled or DashScopeTaskStatus.Unknown;

    /// <summary>Its results (image URLs …) once succeeded; empty before.</summary>
    [JsonIgnore]
    public IReadOnlyList<DashScopeTaskResult> Results => Output.Results;

    [JsonInclude]
    [JsonPropertyName("request_id")]
    internal string? BodyRequestId { get; set; }

    internal DashScopeTaskOutput? OutputOrNull { get; private set; }

    internal override string? BodyId => BodyRequestId;

    internal override UsageCounts? ReportedUsage => null;

    /// <summary>This task, if it succeeded.</summary>
    /// <exception cref="DashScopeTaskFailedException">It failed (with its code), was cancelled, is unknown, or has not ended.</exception>
    public DashScopeTask EnsureSucceeded()
    {
        if (Status == DashScopeTaskStatus.Succeeded)
        {
            return this;
        }

        var status = Output.TaskStatus ?? "(no status)";
        var why = Status switch
        {
            DashScopeTaskStatus.Failed => Output.Message ?? "the service gave no reason",
            DashScopeTaskStatus.Canceled => "it was cancelled",
            DashScopeTaskStatus.Unknown => "the service does not know the task (a wrong id, or its result has expired)",
            _ => "it has not ended yet",
        };
        throw new DashScopeTaskFailedException(TaskId, status, Output.Code, why, RequestId);
    }

    /// <summary>The id and the state.</summary>
    public override string ToString() => $"task {TaskId} ({Output.TaskStatus ?? "no status"})";
}
