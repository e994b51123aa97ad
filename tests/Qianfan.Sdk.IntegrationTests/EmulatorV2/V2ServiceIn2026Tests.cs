using System.Net;
using System.Text.Json;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.EmulatorV2;

/// <summary>
/// The emulator's V2 API as the service is in 2026, on the wire: thinking models reason first (sync and streamed, with
/// reasoning tokens), web search cites pages on the emulator's own host, vision models take images, several tools
/// are called in one turn unless <c>parallel_tool_calls</c> is false, their arguments follow each tool's schema, and
/// <c>GET /v2/models</c> lists the V2 catalog.
/// </summary>
public sealed class V2ServiceIn2026Tests
{
    private const string WeatherAndTime = """
        ,"tools":[
          {"type":"function","function":{"name":"get_weather","description":"查询城市的天气","parameters":{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]},"detailed":{"type":"boolean"},"note":{"type":"string"}},"required":["city","unit","detailed"]}}},
          {"type":"function","function":{"name":"getLocalTime","description":"Current local time of a city","parameters":{"type":"object","properties":{"offset":{"type":"number"},"zone":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}},"required":["offset","zone"]}}}]
        """;

    [Fact]
    public async Task ThinkingModel_ReasonsFirst_AndCountsTheReasoningTokens()
    {
        await using var session = await V2Session.StartAsync();

        var body = await session.ChatAsync(V2Session.UserBody("一加一等于几？", model: "ernie-x1.1"));
        var off = await session.ChatAsync(V2Session.UserBody("一加一等于几？", ""","enable_thinking":false""", model: "ernie-x1.1"));
        var plain = await session.ChatAsync(V2Session.UserBody("一加一等于几？", model: "ernie-4.5-turbo-128k"));

        var message = body.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("这是千帆模拟器的思考过程。用户说的是：一加一等于几？。先想清楚要点，再组织回答。", message.GetProperty("reasoning_content").GetString());
        Assert.Equal("这是千帆模拟器的回答。你说的是：一加一等于几？。祝你一切顺利！", message.GetProperty("content").GetString());
        var usage = body.GetProperty("usage");
        var reasoning = usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32();
        Assert.True(reasoning > 0 && reasoning < usage.GetProperty("completion_tokens").GetInt32());
        Assert.False(off.GetProperty("choices")[0].GetProperty("message").TryGetProperty("reasoning_content", out _));
        Assert.False(plain.GetProperty("choices")[0].GetProperty("message").TryGetProperty("reasoning_content", out _));
        Assert.False(plain.GetProperty("usage").TryGetProperty("completion_tokens_details", out _));
    }

    [Fact]
    public async Task ThinkingModel_StreamsItsReasoningBeforeTheContent()
    {
        await using var session = await V2Session.StartAsync();

        var events = await session.StreamAsync(V2Session.UserBody("你好", ""","stream":true,"stream_options":{"include_usage":true}""", model: "deepseek-r1"));

        var deltas = events[..^2].Select(e => V2Session.Parse(e).GetProperty("choices")[0].GetProperty("delta")).ToList();
        var kinds = deltas.Select(d => d.TryGetProperty("reasoning_content", out _) ? "reasoning" : "content").ToList();
        Assert.Equal(kinds.OrderByDescending(k => k == "reasoning").ToList(), kinds); // every reasoning piece before any content
        Assert.Contains("reasoning", kinds);
        Assert.Equal("assistant", deltas[0].GetProperty("role").GetString());
        Assert.Equal("这是千帆模拟器的回答。你说的是：你好。祝你一切顺利！", string.Concat(deltas.Where(d => d.TryGetProperty("content", out _)).Select(d => d.GetProperty("content").GetString())));
        Assert.True(V2Session.Parse(events[^2]).GetProperty("usage").GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task WebSearch_CitesPagesOnTheEmulatorsHost_SyncAndStreamed()
    {
        await using var session = await V2Session.StartAsync();
        const string Search = ""","web_search":{"enable":true,"enable_citation":true}""";

        var body = await session.ChatAsync(V2Session.UserBody("今天有什么新闻", Search));
        var events = await session.StreamAsync(V2Session.UserBody("今天有什么新闻", Search + ""","stream":true"""));
        var uncited = await session.ChatAsync(V2Session.UserBody("今天有什么新闻", ""","web_search":{"enable":true,"enable_citation":false}"""));

        Assert.Equal("这是千帆模拟器的回答[1]。你说的是：今天有什么新闻[2]。祝你一切顺利！", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        var results = body.GetProperty("search_results").EnumerateArray().ToList();
        Assert.Equal([1, 2], results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.All(results, r => Assert.StartsWith(session.Emulator.BaseUrl.TrimEnd('/') + "/emulated-search/", r.GetProperty("url").GetString(), StringComparison.Ordinal));
        Assert.Contains("今天有什么新闻", results[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        var first = V2Session.Parse(events[0]);
        Assert.Equal(2, first.GetProperty("search_results").GetArrayLength());
        Assert.False(V2Session.Parse(events[1]).TryGetProperty("search_results", out _));
        Assert.Equal(
            body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(),
            string.Concat(events[..^1].Select(e => V2Session.Parse(e).GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString())));
        Assert.DoesNotContain("[1]", uncited.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, uncited.GetProperty("search_results").GetArrayLength());
    }

    [Fact]
    public async Task VisionModel_TakesImageParts_OtherModelsRefuseThem()
    {
        await using var session = await V2Session.StartAsync();
        const string Parts = """[{"type":"text","text":"图里有什么？"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},{"type":"image_url","image_url":{"url":"https://example.test/cat.png"}}]""";

        var seen = await session.ChatAsync($$"""{"model":"ernie-4.5-turbo-vl","messages":[{"role":"user","content":{{Parts}}}]}""");
        var refused = await session.ChatAsync($$"""{"model":"ernie-lite-8k","messages":[{"role":"user","content":{{Parts}}}]}""", HttpStatusCode.BadRequest);

        Assert.Equal("这是千帆模拟器的回答。你说的是：图里有什么？。祝你一切顺利！", seen.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        V2Session.AssertError(refused, "invalid_argument", "invalid_request_error", "messages[0].content has images, which model ernie-lite-8k does not take; use a vision model such as ernie-4.5-turbo-vl");
    }

    [Fact]
    public async Task AMessageNamingTwoTools_CallsBoth_WithArgumentsFromTheirSchemas()
    {
        await using var session = await V2Session.StartAsync();

        var both = await session.ChatAsync(V2Session.UserBody("北京的天气和local time", WeatherAndTime));
        var one = await session.ChatAsync(V2Session.UserBody("北京的天气和local time", WeatherAndTime + ""","parallel_tool_calls":false"""));

        var calls = both.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls").EnumerateArray().ToList();
        Assert.Equal(["get_weather", "getLocalTime"], calls.Select(c => c.GetProperty("function").GetProperty("name").GetString()));
        Assert.Equal(2, calls.Select(c => c.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal("""{"city":"北京的天气和local time","unit":"celsius","detailed":false}""", calls[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("""{"offset":0,"zone":{"name":"北京的天气和local time"}}""", calls[1].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("get_weather", Assert.Single(one.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls").EnumerateArray()).GetProperty("function").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("北京天气怎么样", "get_weather")]          // a pair of characters of its description
    [InlineData("What WEATHER is it", "get_weather")]      // a word of its name, any case
    [InlineData("call get_weather please", "get_weather")] // its name
    [InlineData("the local time?", "getLocalTime")]         // camelCase words
    [InlineData("please use a tool", "get_weather")]       // the English trigger: the first tool
    [InlineData("调用工具", "get_weather")]                 // the default trigger: the first tool
    [InlineData("讲个笑话", null)]
    [InlineData("get me the function for this", null)]     // only words too common to count
    public async Task TheToolRule_AsDocumented(string message, string? called)
    {
        await using var session = await V2Session.StartAsync();

        var body = await session.ChatAsync(V2Session.UserBody(message, WeatherAndTime));

        var choice = body.GetProperty("choices")[0];
        if (called is null)
        {
            Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
            return;
        }

        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(called, choice.GetProperty("message").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task UnsafeInput_IsAnEmptyAnswerWhoseChoiceSaysNeedClearHistory_SyncAndStreamed()
    {
        await using var session = await V2Session.StartAsync();
        session.Scenarios.ClearHistoryTrigger = "敏感";

        var body = await session.ChatAsync(V2Session.UserBody("敏感的问题"));
        var events = await session.StreamAsync(V2Session.UserBody("敏感的问题", ""","stream":true"""));
        var safe = await session.ChatAsync(V2Session.UserBody("普通的问题"));

        var choice = body.GetProperty("choices")[0];
        Assert.True(choice.GetProperty("need_clear_history").GetBoolean());
        Assert.Equal(-1, choice.GetProperty("ban_round").GetInt32());
        Assert.Equal("", choice.GetProperty("message").GetProperty("content").GetString());
        var streamed = V2Session.Parse(events[0]).GetProperty("choices")[0];
        Assert.True(streamed.GetProperty("need_clear_history").GetBoolean());
        Assert.Equal(-1, streamed.GetProperty("ban_round").GetInt32());
        Assert.False(safe.GetProperty("choices")[0].TryGetProperty("need_clear_history", out _));
    }

    [Fact]
    public async Task ResponseFormat_JsonObjectAndJsonSchema_MakeTheReplyJson()
    {
        await using var session = await V2Session.StartAsync();

        var jsonObject = await session.ChatAsync(V2Session.UserBody("你好", ""","response_format":{"type":"json_object"}"""));
        var jsonSchema = await session.ChatAsync(V2Session.UserBody("你好", """
            ,"response_format":{"type":"json_schema","json_schema":{"name":"r","schema":{"type":"object","properties":{"answer":{"type":"string"},"score":{"type":"number"}},"required":["answer","score"]}}}
            """));
        var broken = await session.ChatAsync(V2Session.UserBody("你好", ""","response_format":{"type":"yaml"}"""), HttpStatusCode.BadRequest);

        var text = JsonDocument.Parse(jsonObject.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!).RootElement;
        Assert.Equal("这是千帆模拟器的回答。你说的是：你好。祝你一切顺利！", text.GetProperty("answer").GetString());
        Assert.Equal(
            """{"answer":"这是千帆模拟器的回答。你说的是：你好。祝你一切顺利！","score":0}""",
            jsonSchema.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        V2Session.AssertError(broken, "invalid_argument", "invalid_request_error", "response_format.type must be text, json_object or json_schema");
    }

    [Fact]
    public async Task Models_ListsTheV2Catalog_ToAnAuthenticatedGet()
    {
        await using var session = await V2Session.StartAsync();

        using var listed = await session.Http.SendAsync(Authorized(HttpMethod.Get, session));
        using var anonymous = await session.Http.GetAsync("/v2/models");
        using var posted = await session.Http.SendAsync(Authorized(HttpMethod.Post, session));

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var body = await V2Session.ReadJsonAsync(listed);
        Assert.Equal("list", body.GetProperty("object").GetString());
        var models = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(Qianfan.Sdk.Models.ModelCatalog.V2.Select(m => m.Id).Order(StringComparer.Ordinal), models.Select(m => m.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        var x1 = models.Single(m => m.GetProperty("id").GetString() == "ernie-x1.1");
        Assert.Equal(("model", "baidu", 65536), (x1.GetProperty("object").GetString(), x1.GetProperty("owned_by").GetString(), x1.GetProperty("context_length").GetInt32()));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        V2Session.AssertError(await V2Session.ReadJsonAsync(anonymous), "invalid_iam_token", "invalid_request_error");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, posted.StatusCode);
    }

    private static HttpRequestMessage Authorized(HttpMethod method, V2Session session) =>
        new(method, "/v2/models") { Headers = { Authorization = new("Bearer", session.Emulator.V2ApiKey) } };
}
