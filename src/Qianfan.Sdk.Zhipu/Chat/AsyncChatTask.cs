using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>
/// An asynchronous chat task as the service accepted it (<c>POST /async/chat/completions</c>): its id, to ask for the
/// result with (<see cref="AsyncChatClient.GetResultAsync"/>, <see cref="AsyncChatClient.WaitAsync"/>), and its first
/// state, <c>PROCESSING</c>.
/// </summary>
public sealed class AsyncChatTask : ServiceResult
{
    /// <summary>The task's id: keep it to fetch the result later, from any process.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set => field = value ?? ""; } = "";

    /// <summary>The model the task runs.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary>The task's state when accepted, in the service's words (see <see cref="AsyncTaskStatus"/>).</summary>
    [JsonPropertyName("task_status")]
    public string? TaskStatus { get; set; }

    /// <summary>The body's <c>request_id</c>, which <see cref="ServiceResult.RequestId"/> reports.</summary>
    [JsonInclude]
    [JsonPropertyName("request_id")]
    internal string? BodyRequestId { get; set; }

    internal override string? BodyId => BodyRequestId ?? Id;

    internal override UsageCounts? ReportedUsage => null;
}
