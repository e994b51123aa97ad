using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Qianfan.Sdk.Tests.TestSupport;

/// <summary>Builds the answers the Qianfan service gives, in a line each.</summary>
internal static class Responses
{
    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public static HttpResponseMessage Text(string text, string mediaType, HttpStatusCode status) =>
        new(status) { Content = new StringContent(text, Encoding.UTF8, mediaType) };

    public static HttpResponseMessage Token(string accessToken, long expiresIn = 2_592_000) =>
        Json($$"""{"refresh_token":"refresh-x","expires_in":{{expiresIn}},"session_key":"sk-session","access_token":{{JsonSerializer.Serialize(accessToken)}},"scope":"public","session_secret":"ss"}""");

    public static HttpResponseMessage TokenError(HttpStatusCode status = HttpStatusCode.Unauthorized) =>
        Json("""{"error":"invalid_client","error_description":"unknown client id"}""", status);

    public static HttpResponseMessage Reply(string result = "Hello!", bool needClearHistory = false, params (string Name, string Value)[] headers) =>
        Json(ReplyJson(result, needClearHistory), HttpStatusCode.OK, headers);

    public static string ReplyJson(string result, bool needClearHistory = false) =>
        $$$"""{"id":"as-reply","object":"chat.completion","created":1702551868,"result":{{{JsonSerializer.Serialize(result)}}},"is_truncated":false,"need_clear_history":{{{(needClearHistory ? "true" : "false")}}},"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}""";

    public static HttpResponseMessage Error(int code, string message = "some error", HttpStatusCode status = HttpStatusCode.OK, string? requestId = null)
    {
        var json = $$"""{"error_code":{{code}},"error_msg":{{JsonSerializer.Serialize(message)}}}""";
        return requestId is null ? Json(json, status) : Json(json, status, ("X-Baidu-Request-Id", requestId));
    }

    /// <summary>One <c>data:</c> event (with its blank line) carrying a chunk.</summary>
    public static string Event(int sentenceId, string result, bool isEnd = false, bool needClearHistory = false, int completionTokens = 0) =>
        $$$"""data: {"id":"as-stream","object":"chat.completion","created":1702551868,"sentence_id":{{{sentenceId}}},"is_end":{{{(isEnd ? "true" : "false")}}},"is_truncated":false,"result":{{{JsonSerializer.Serialize(result)}}},"need_clear_history":{{{(needClearHistory ? "true" : "false")}}},"usage":{"prompt_tokens":5,"completion_tokens":{{{completionTokens}}},"total_tokens":{{{5 + completionTokens}}}}}""" + "\n\n";

    /// <summary>A V2 completion answering <paramref name="content"/>.</summary>
    public static string CompletionJson(string content, string id = "as-1") =>
        $$$"""{"id":"{{{id}}}","object":"chat.completion","created":1,"model":"ernie-4.0-8k","choices":[{"index":0,"message":{"role":"assistant","content":{{{JsonSerializer.Serialize(content)}}}},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}}""";

    /// <summary>One V2 <c>data:</c> event (with its blank line) adding <paramref name="content"/>.</summary>
    public static string V2Event(string content, string? finish = null, string id = "as-1") =>
        $$$"""data: {"id":"{{{id}}}","object":"chat.completion.chunk","created":1,"model":"ernie-4.0-8k","choices":[{"index":0,"delta":{"content":{{{JsonSerializer.Serialize(content)}}}},"finish_reason":{{{(finish is null ? "null" : JsonSerializer.Serialize(finish))}}}}]}""" + "\n\n";

    /// <summary>The IAM endpoint's answer: a V2 bearer token valid until 2099.</summary>
    public static HttpResponseMessage BearerToken(string token) =>
        Json($$"""{"userId":"u","token":{{JsonSerializer.Serialize(token)}},"status":"enable","createTime":"2024-09-19T00:00:00Z","expireTime":"2099-01-01T00:00:00Z"}""");

    public static HttpResponseMessage EventStream(string body, params (string Name, string Value)[] headers) =>
        EventStream(new MemoryStream(Encoding.UTF8.GetBytes(body)), headers);

    public static HttpResponseMessage EventStream(Stream body, params (string Name, string Value)[] headers)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream") { CharSet = "utf-8" };
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
