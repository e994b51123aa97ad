using System.Text.Json;

namespace Qianfan.Sdk.Emulator.DashScope;

/// <summary>The JSON of task answers: a submission, a task's state at a moment, an unknown id.</summary>
internal static class TaskBodies
{
    public static byte[] Submitted(EmulatedTask task, string requestId) => DashScopeJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("output");
        w.WriteString("task_status", "PENDING");
        w.WriteString("task_id", task.Id);
        w.WriteEndObject();
        w.WriteString("request_id", requestId);
        w.WriteEndObject();
    });

    public static byte[] Unknown(string taskId, string requestId) => DashScopeJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("request_id", requestId);
        w.WriteStartObject("output");
        w.WriteString("task_id", taskId);
        w.WriteString("task_status", "UNKNOWN");
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>The task as a poll at <paramref name="now"/> sees it; result URLs on <paramref name="origin"/>.</summary>
    public static byte[] State(EmulatedTask task, DateTimeOffset now, Uri origin, string requestId) => DashScopeJson.Write(w =>
    {
        var status = task.StatusAt(now);
        w.WriteStartObject();
        w.WriteString("request_id", requestId);
        w.WriteStartObject("output");
        w.WriteString("task_id", task.Id);
        w.WriteString("task_status", status);
        w.WriteString("submit_time", DashScopeJson.Time(task.Submitted));
        if (status is "RUNNING" or "SUCCEEDED" or "FAILED")
        {
            w.WriteString("scheduled_time", DashScopeJson.Time(task.Scheduled));
        }

        if (status is "SUCCEEDED" or "FAILED" or "CANCELED")
        {
            w.WriteString("end_time", DashScopeJson.Time(status == "CANCELED" ? task.Cancelled!.Value : task.Ended));
        }

        if (status == "SUCCEEDED")
        {
            w.WriteStartArray("results");
            foreach (var image in task.Images)
            {
                w.WriteStartObject();
                w.WriteString("url", new Uri(origin, DashScopePaths.ResultFilesPrefix + image.Name).AbsoluteUri);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (status == "FAILED")
        {
            w.WriteString("code", task.Failure!.Code);
            w.WriteString("message", task.Failure.Message);
        }

        if (status is not "PENDING" and not "CANCELED")
        {
            WriteMetrics(w, task, status);
        }

        w.WriteEndObject();
        if (status == "SUCCEEDED")
        {
            w.WriteStartObject("usage");
            w.WriteNumber("image_count", task.Images.Count);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    });

    private static void WriteMetrics(Utf8JsonWriter w, EmulatedTask task, string status)
    {
        w.WriteStartObject("task_metrics");
        w.WriteNumber("TOTAL", task.Images.Count);
        w.WriteNumber("SUCCEEDED", status == "SUCCEEDED" ? task.Images.Count : 0);
        w.WriteNumber("FAILED", status == "FAILED" ? task.Images.Count : 0);
        w.WriteEndObject();
    }
}
