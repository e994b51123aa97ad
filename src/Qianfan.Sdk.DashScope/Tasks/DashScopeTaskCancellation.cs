using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;

namespace Qianfan.Sdk.DashScope.Tasks;

/// <summary>The answer to <c>POST /tasks/{id}/cancel</c>: the task was cancelled (a task no longer pending is an error instead).</summary>
public sealed class DashScopeTaskCancellation : ServiceResult
{
    /// <summary>The task cancelled.</summary>
    [JsonIgnore]
    public string TaskId { get; internal set; } = "";

    [JsonInclude]
    [JsonPropertyName("request_id")]
    internal string? BodyRequestId { get; set; }

    internal override string? BodyId => BodyRequestId;

    internal override UsageCounts? ReportedUsage => null;
}
