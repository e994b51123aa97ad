using System.Net;
using System.Text.Json;
using Qianfan.Sdk.Tests.Pipeline;

namespace Qianfan.Sdk.Tests.DashScope;

/// <summary>
/// DashScope's answers as the service sends them, from real HTTP captures: both reply formats, streams with and without
/// blank lines between events, incremental and cumulative, errors (in a body and inside a 200 stream), and tasks.
/// </summary>
internal static class DashScopeReplies
{
    public const string RequestId = "7e3d5586-cb70-98ce-97bf-8a2ac0091c3f";

    /// <summary><c>result_format: text</c>, as captured.</summary>
    public const string TextReply =
        """{"output":{"finish_reason":"stop","text":"1+1等于2。这是最基本的数学加法运算之一。"},"usage":{"prompt_tokens_details":{"cached_tokens":0},"total_tokens":30,"output_tokens":14,"input_tokens":16},"request_id":"7e3d5586-cb70-98ce-97bf-8a2ac0091c3f"}""";

    /// <summary><c>result_format: message</c>, as captured.</summary>
    public const string MessageReply =
        """{"output":{"choices":[{"finish_reason":"stop","message":{"role":"assistant","content":"1+1 等于 2。"}}]},"usage":{"total_tokens":47,"output_tokens":39,"input_tokens":8},"request_id":"e764bfe3-c0b7-97a0-ae57-cd99e1580960"}""";

    /// <summary>A message-format reply that calls a tool (its finish reason <c>stop</c>, as captured).</summary>
    public const string ToolCallReply =
        """{"output":{"choices":[{"finish_reason":"stop","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_current_weather","arguments":"{\"location\": \"浙江省杭州市\"}"},"index":0,"id":"call_cec4c19d27624537b583af","type":"function"}]}}]},"usage":{"total_tokens":219,"output_tokens":23,"input_tokens":196},"request_id":"40b4361e-e936-91b5-879d-355a45d670f8"}""";

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK, params (string Name, string Value)[] headers) =>
        TestReplies.Json(json, status, headers);

    public static string ErrorJson(string code, string message, string requestId = "a1c0561c-e8d2-9a4b-ad81-41f4d84f1c43") =>
        $$"""{"code":{{JsonSerializer.Serialize(code)}},"message":{{JsonSerializer.Serialize(message)}},"request_id":"{{requestId}}"}""";

    public static HttpResponseMessage Error(HttpStatusCode status, string code, string message) => Json(ErrorJson(code, message), status);

    /// <summary>One stream event: <c>id</c>, <c>event</c>, the status comment and the data line, then a blank line when <paramref name="spaced"/>.</summary>
    public static string Event(int id, string data, string type = "result", int status = 200, bool spaced = false) =>
        $"id:{id}\nevent:{type}\n:HTTP_STATUS/{status}\ndata:{data}\n{(spaced ? "\n" : "")}";

    /// <summary>A text-format event adding (or, cumulative, holding) <paramref name="text"/>.</summary>
    public static string TextData(string text, string finish = "null", int output = 1) =>
        $$"""{"output":{"finish_reason":"{{finish}}","text":{{JsonSerializer.Serialize(text)}}},"usage":{"total_tokens":{{16 + output}},"input_tokens":16,"output_tokens":{{output}}},"request_id":"5b441aa7-5b4c-9a23-a5b6-8c2b2d4b1f8e"}""";

    /// <summary>A message-format event with <paramref name="content"/> and optionally reasoning.</summary>
    public static string MessageData(string content, string finish = "null", string? reasoning = null, int output = 1) =>
        $$"""{"output":{"choices":[{"message":{"content":{{JsonSerializer.Serialize(content)}},{{(reasoning is null ? "" : $"\"reasoning_content\":{JsonSerializer.Serialize(reasoning)},")}}"role":"assistant"},"finish_reason":"{{finish}}"}]},"usage":{"total_tokens":{{24 + output}},"input_tokens":24,"output_tokens":{{output}}},"request_id":"9188e907-56c2-9849-97f6-23f130f7fed7"}""";

    /// <summary>An incremental text stream of <paramref name="pieces"/> ending with an empty finishing event.</summary>
    public static string TextStream(bool spaced, params string[] pieces) =>
        string.Concat(pieces.Select((p, i) => Event(i + 1, TextData(p, output: i + 1), spaced: spaced)))
        + Event(pieces.Length + 1, TextData("", "stop", pieces.Length), spaced: spaced);

    /// <summary>A cumulative text stream: each event holds all the text so far; the last repeats it with its finish reason.</summary>
    public static string CumulativeTextStream(bool spaced, params string[] pieces)
    {
        var events = new List<string>();
        var so = "";
        for (var i = 0; i < pieces.Length; i++)
        {
            so += pieces[i];
            events.Add(Event(i + 1, TextData(so, output: i + 1), spaced: spaced));
        }

        events.Add(Event(pieces.Length + 1, TextData(so, "stop", pieces.Length), spaced: spaced));
        return string.Concat(events);
    }

    /// <summary>Parallel tool calls streamed in fragments, as captured (with blank lines).</summary>
    public const string ParallelToolCallStream =
        "id:1\nevent:result\n:HTTP_STATUS/200\ndata:{\"output\":{\"choices\":[{\"message\":{\"content\":\"\",\"tool_calls\":[{\"index\":0,\"id\":\"call_29a870e7106f45deb8add3\",\"type\":\"function\",\"function\":{\"name\":\"get_current_weather\",\"arguments\":\"{\\\"location\\\": \\\"\"}}],\"role\":\"assistant\"},\"index\":0,\"finish_reason\":\"null\"}]},\"usage\":{\"total_tokens\":266,\"output_tokens\":16,\"input_tokens\":250},\"request_id\":\"98b76af4-4c9f-9397-af42-500425556f95\"}\n\n" +
        "id:2\nevent:result\n:HTTP_STATUS/200\ndata:{\"output\":{\"choices\":[{\"message\":{\"content\":\"\",\"tool_calls\":[{\"index\":0,\"id\":\"\",\"type\":\"function\",\"function\":{\"arguments\":\"浙江省杭州市\\\"}\"}}],\"role\":\"assistant\"},\"index\":0,\"finish_reason\":\"null\"}]},\"usage\":{\"total_tokens\":272,\"output_tokens\":22,\"input_tokens\":250},\"request_id\":\"98b76af4-4c9f-9397-af42-500425556f95\"}\n\n" +
        "id:3\nevent:result\n:HTTP_STATUS/200\ndata:{\"output\":{\"choices\":[{\"message\":{\"content\":\"\",\"tool_calls\":[{\"index\":1,\"id\":\"call_026e44bb31a74266949a20\",\"type\":\"function\",\"function\":{\"name\":\"get_current_weather\",\"arguments\":\"{\\\"location\\\":\"}}],\"role\":\"assistant\"},\"index\":0,\"finish_reason\":\"null\"}]},\"usage\":{\"total_tokens\":284,\"output_tokens\":34,\"input_tokens\":250},\"request_id\":\"98b76af4-4c9f-9397-af42-500425556f95\"}\n\n" +
        "id:4\nevent:result\n:HTTP_STATUS/200\ndata:{\"output\":{\"choices\":[{\"message\":{\"content\":\"\",\"tool_calls\":[{\"index\":1,\"id\":\"\",\"type\":\"function\",\"function\":{\"arguments\":\" \\\"上海市\\\"}\"}}],\"role\":\"assistant\"},\"index\":0,\"finish_reason\":\"tool_calls\"}]},\"usage\":{\"total_tokens\":287,\"output_tokens\":37,\"input_tokens\":250},\"request_id\":\"98b76af4-4c9f-9397-af42-500425556f95\"}\n\n";

    public static HttpResponseMessage Stream(string body, params (string Name, string Value)[] headers) => TestReplies.EventStream(body, headers);

    public static string Task(string id, string status, string extra = "") =>
        """{"request_id":"6662e925-4846-9afe-a3af-0d131805d378","output":{"task_id":""" + JsonSerializer.Serialize(id) + ""","task_status":""" + JsonSerializer.Serialize(status) + extra + "}}";

    /// <summary>A succeeded image task with two results, as captured.</summary>
    public static string SucceededTask(string id) =>
        $$$"""{"request_id":"6662e925-4846-9afe-a3af-0d131805d378","output":{"task_id":"{{{id}}}","task_status":"SUCCEEDED","submit_time":"2024-03-01 17:38:24.817","scheduled_time":"2024-03-01 17:38:24.831","end_time":"2024-03-01 17:38:55.565","results":[{"url":"https://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/1.png"},{"url":"https://dashscope-result-sh.oss-cn-shanghai.aliyuncs.com/2.png"}],"task_metrics":{"TOTAL":2,"SUCCEEDED":2,"FAILED":0}},"usage":{"image_count":2}}""";
}
