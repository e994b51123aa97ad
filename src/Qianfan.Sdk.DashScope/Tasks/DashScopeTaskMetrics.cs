using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Tasks;

/// <summary>How many of a task's items there are and how they went (<c>output.task_metrics</c>).</summary>
public sealed class DashScopeTaskMetrics
{
    /// <summary>Items in all (<c>TOTAL</c>).</summary>
    [JsonPropertyName("TOTAL")]
    public int Total { get; set; }

    /// <summary>Items done (<c>SUCCEEDED</c>).</summary>
    [JsonPropertyName("SUCCEEDED")]
    public int Succeeded { get; set; }

    /// <summary>Items failed (<c>FAILED</c>).</summary>
    [JsonPropertyName("FAILED")]
    public int Failed { get; set; }
}
