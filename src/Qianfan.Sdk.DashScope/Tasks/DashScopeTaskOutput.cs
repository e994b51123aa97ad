using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Tasks;

/// <summary>A task's <c>output</c> as sent. Times are the service's own text (<c>2024-03-01 17:38:24.817</c>, its local time).</summary>
public sealed class DashScopeTaskOutput
{
    /// <summary>The task's id.</summary>
    [JsonPropertyName("task_id")]
    public string? TaskId { get; set; }

    /// <summary>The state as the service spells it (<c>PENDING</c>, <c>RUNNING</c>, <c>SUCCEEDED</c> …).</summary>
    [JsonPropertyName("task_status")]
    public string? TaskStatus { get; set; }

    /// <summary>When it was submitted.</summary>
    [JsonPropertyName("submit_time")]
    public string? SubmitTime { get; set; }

    /// <summary>When it started to run.</summary>
    [JsonPropertyName("scheduled_time")]
    public string? ScheduledTime { get; set; }

    /// <summary>When it ended.</summary>
    [JsonPropertyName("end_time")]
    public string? EndTime { get; set; }

    /// <summary>Its results (once succeeded); empty, never null, before.</summary>
    [JsonPropertyName("results")]
    public IReadOnlyList<DashScopeTaskResult> Results { get; set => field = value ?? []; } = [];

    /// <summary>How many items there are and how they went.</summary>
    [JsonPropertyName("task_metrics")]
    public DashScopeTaskMetrics? TaskMetrics { get; set; }

    /// <summary>Why it failed (<c>FAILED</c>): the error code.</summary>
    [JsonPropertyName("code")]
    public string? Code { get; set; }

    /// <summary>Why it failed: the error message.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>Fields this version does not model, as sent.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
