using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Qianfan.Sdk.Zhipu;

namespace Qianfan.Sdk.Tests.Zhipu;

/// <summary>Builds the answers Zhipu's service gives, in a line each.</summary>
internal static class ZhipuReplies
{
    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>A reply as the API reference shows it: one choice, usage, the ids.</summary>
    public static string Completion(string content, string finishReason = "stop", string? reasoning = null)
    {
        var message = "{\"content\":" + Quote(content) + ",\"role\":\"assistant\"" + (reasoning is null ? "" : ",\"reasoning_content\":" + Quote(reasoning)) + "}";
        return "{\"created\":1703487403,\"id\":\"8239375684858666781\",\"model\":\"glm-4\",\"request_id\":\"req-1\","
            + "\"choices\":[{\"finish_reason\":\"" + finishReason + "\",\"index\":0,\"message\":" + message + "}],"
            + "\"usage\":{\"completion_tokens\":217,\"prompt_tokens\":31,\"total_tokens\":248}}";
    }

    /// <summary>The service's error body, <c>{"error":{"code","message"}}</c>, with its HTTP status.</summary>
    public static HttpResponseMessage Error(HttpStatusCode status, string code, string message = "error message") =>
        Json("{\"error\":{\"code\":\"" + code + "\",\"message\":" + Quote(message) + "}}", status);

    /// <summary>An event stream of the given <c>data:</c> payloads, each followed by a blank line.</summary>
    public static HttpResponseMessage Stream(params string[] data)
    {
        var text = string.Concat(data.Select(d => $"data: {d}\n\n"));
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>A streamed piece adding <paramref name="content"/>, as the documentation's example shows one.</summary>
    public static string Chunk(string content, string? finishReason = null, string? usage = null) =>
        "{\"id\":\"8313807536837492492\",\"created\":1706092316,\"model\":\"glm-4\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":" + Quote(content) + "}"
        + (finishReason is null ? "" : ",\"finish_reason\":\"" + finishReason + "\"") + "}]"
        + (usage is null ? "" : ",\"usage\":" + usage) + "}";

    /// <summary>An asynchronous task's state: the shell while it runs, the reply too once it has succeeded.</summary>
    public static HttpResponseMessage Task(string status, string id = "task-1", string? content = null) => Json(content is null
        ? "{\"id\":\"" + id + "\",\"request_id\":\"req-" + id + "\",\"model\":\"glm-4\",\"task_status\":\"" + status + "\"}"
        : "{\"id\":\"" + id + "\",\"request_id\":\"req-" + id + "\",\"model\":\"glm-4\",\"task_status\":\"" + status + "\",\"created\":1703487403,"
            + "\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":" + Quote(content) + "}}],"
            + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,\"total_tokens\":30}}");

    private static string Quote(string text) => JsonSerializer.Serialize(text);
}
