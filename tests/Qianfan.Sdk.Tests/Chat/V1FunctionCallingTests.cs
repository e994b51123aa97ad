using System.Text.Json;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Chat;

/// <summary>
/// V1 function calling and V1's other extras: <c>functions</c> and <c>tool_choice</c> as sent, the
/// <c>function_call</c> (name, thoughts, arguments) that comes back, the function role for the result on the next turn;
/// <c>disable_search</c>, <c>enable_citation</c>, <c>enable_trace</c>, <c>response_format</c> and
/// <c>min_output_tokens</c> under their names; and the reply extras <c>search_info</c>, <c>tools_info</c>,
/// <c>is_safe</c> and <c>usage.plugins</c>.
/// </summary>
public sealed class V1FunctionCallingTests
{
    private const string WeatherSchema = """{"type":"object","properties":{"city":{"type":"string","description":"城市"}},"required":["city"]}""";

    [Fact]
    public async Task Complete_SendsFunctionsAndToolChoice_AndReadsTheFunctionCall()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Json("""
            {"id":"as-f","object":"chat.completion","created":1,"result":"","is_truncated":false,"need_clear_history":false,"finish_reason":"function_call",
             "function_call":{"name":"get_weather","thoughts":"用户问天气，我要查北京。","arguments":"{\"city\":\"北京\"}"},
             "usage":{"prompt_tokens":20,"completion_tokens":10,"total_tokens":30}}
            """));
        using var client = fake.CreateClient();
        using var schema = JsonDocument.Parse(WeatherSchema);
        var request = new ChatRequest("ERNIE-3.5-8K")
        {
            Messages = { ChatMessage.User("北京天气怎么样？") },
            Functions = { new ChatFunction { Name = "get_weather", Description = "查天气", Parameters = schema.RootElement } },
            ToolChoice = "get_weather",
        };

        var reply = await client.Chat.CompleteAsync(request);

        Assert.Equal("function_call", reply.FinishReason);
        Assert.Equal("get_weather", reply.FunctionCall!.Name);
        Assert.Equal("用户问天气，我要查北京。", reply.FunctionCall.Thoughts);
        Assert.Equal("北京", JsonDocument.Parse(reply.FunctionCall.Arguments!).RootElement.GetProperty("city").GetString());
        var body = Assert.Single(fake.ChatRequests).Json;
        Assert.EndsWith("/chat/completions", Assert.Single(fake.ChatRequests).Path, StringComparison.Ordinal);
        var function = Assert.Single(body.GetProperty("functions").EnumerateArray());
        Assert.Equal("get_weather", function.GetProperty("name").GetString());
        Assert.Equal("查天气", function.GetProperty("description").GetString());
        Assert.Equal(schema.RootElement.GetRawText(), function.GetProperty("parameters").GetRawText());
        Assert.Equal("""{"type":"function","function":{"name":"get_weather"}}""", body.GetProperty("tool_choice").GetRawText());
    }

    [Fact]
    public async Task NextTurn_SendsTheAssistantsFunctionCallAndTheFunctionsResult()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var call = new ChatFunctionCall { Name = "get_weather", Thoughts = "查北京", Arguments = """{"city":"北京"}""" };
        var request = new ChatRequest("ERNIE-3.5-8K")
        {
            Messages =
            {
                ChatMessage.User("北京天气怎么样？"),
                new ChatMessage(ChatRole.Assistant, "") { FunctionCall = call },
                ChatMessage.Function("get_weather", """{"temperature":"25℃"}"""),
            },
            Functions = { new ChatFunction { Name = "get_weather", Description = "查天气" } },
        };

        await client.Chat.CompleteAsync(request);

        var messages = Assert.Single(fake.ChatRequests).Json.GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        Assert.Equal("assistant", messages[1].GetProperty("role").GetString());
        Assert.Equal("get_weather", messages[1].GetProperty("function_call").GetProperty("name").GetString());
        Assert.Equal("""{"city":"北京"}""", messages[1].GetProperty("function_call").GetProperty("arguments").GetString());
        Assert.Equal("function", messages[2].GetProperty("role").GetString());
        Assert.Equal("get_weather", messages[2].GetProperty("name").GetString());
        Assert.Equal("""{"temperature":"25℃"}""", messages[2].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Stream_TheFunctionCallArrivesOnItsPiece()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(
            """data: {"id":"as-f","sentence_id":0,"is_end":true,"result":"","finish_reason":"function_call","function_call":{"name":"get_weather","thoughts":"查","arguments":"{}"},"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""" + "\n\n"));
        using var client = fake.CreateClient();
        var request = new ChatRequest("ERNIE-4.0-8K") { Messages = { ChatMessage.User("天气") }, Functions = { new ChatFunction { Name = "get_weather" } } };

        var chunk = Assert.Single(await client.Chat.StreamAsync(request).ToListAsync());

        Assert.Equal("get_weather", chunk.FunctionCall!.Name);
        Assert.Equal("function_call", chunk.FinishReason);
    }

    public static TheoryData<string, Action<ChatRequest>> BrokenFunctionRequests => new()
    {
        { "functions", r => r.Functions.Add(new ChatFunction { Name = "f" }) },                              // ERNIE-Speed-8K takes no functions
        { "functions[0].name", r => { r.Functions.Add(new ChatFunction { Name = "" }); } },
        { "tool_choice", r => { r.Functions.Add(new ChatFunction { Name = "f" }); r.ToolChoice = "g"; } },
        { "messages[0].role", r => { r.Messages.Clear(); r.Messages.Add(ChatMessage.Function("f", "{}")); } },
        { "messages[2].name", r => { r.Messages.Add(new ChatMessage(ChatRole.Assistant, "") { FunctionCall = new ChatFunctionCall { Name = "f" } }); r.Messages.Add(new ChatMessage(ChatRole.Function, "{}")); } },
        { "response_format", r => r.ResponseFormat = "xml" },
        { "min_output_tokens", r => r.MinOutputTokens = 10 },                                                // not accepted by ERNIE-3.5-8K
    };

    [Theory]
    [MemberData(nameof(BrokenFunctionRequests))]
    public async Task BrokenRequests_AreRejectedNamingTheField_NothingSent(string field, Action<ChatRequest> breakIt)
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var request = new ChatRequest(field == "functions" ? "ERNIE-Speed-8K" : "ERNIE-3.5-8K") { Messages = { ChatMessage.User("天气") } };
        breakIt(request);

        var error = await Assert.ThrowsAsync<QianfanValidationException>(() => client.Chat.CompleteAsync(request));

        Assert.Equal(field, error.ParamName);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Extras_AreSentUnderTheServicesNames()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var search = new ChatRequest("ERNIE-3.5-8K")
        {
            Messages = { ChatMessage.User("今天的新闻") },
            DisableSearch = false,
            EnableCitation = true,
            EnableTrace = true,
            ResponseFormat = "json_object",
        };
        var lengths = new ChatRequest("ERNIE-Lite-8K-0308") { Messages = { ChatMessage.User("写一首诗") }, MinOutputTokens = 50, MaxOutputTokens = 200 };

        await client.Chat.CompleteAsync(search);
        await client.Chat.CompleteAsync(lengths);

        var first = fake.ChatRequests[0].Json;
        Assert.False(first.GetProperty("disable_search").GetBoolean());
        Assert.True(first.GetProperty("enable_citation").GetBoolean());
        Assert.True(first.GetProperty("enable_trace").GetBoolean());
        Assert.Equal("json_object", first.GetProperty("response_format").GetString());
        Assert.Equal(["disable_search", "enable_citation", "enable_trace", "messages", "response_format"], fake.ChatRequests[0].JsonKeys);
        var second = fake.ChatRequests[1].Json;
        Assert.Equal(50, second.GetProperty("min_output_tokens").GetInt32());
        Assert.Equal(200, second.GetProperty("max_output_tokens").GetInt32());
    }

    [Fact]
    public async Task MinOutputTokensAboveMaxOutputTokens_IsRejected()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var request = new ChatRequest("ERNIE-Lite-8K-0308") { Messages = { ChatMessage.User("诗") }, MinOutputTokens = 300, MaxOutputTokens = 200 };

        var error = await Assert.ThrowsAsync<QianfanValidationException>(() => client.Chat.CompleteAsync(request));

        Assert.Equal("min_output_tokens", error.ParamName);
        Assert.Equal("min_output_tokens must not exceed max_output_tokens (200), was 300", error.Message);
    }

    [Fact]
    public async Task Reply_ReadsSearchInfoToolsInfoIsSafeAndPluginUsage()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Json("""
            {"id":"as-x","result":"据报道[1]……","is_safe":true,"flag":0,
             "search_info":{"search_results":[{"index":1,"url":"https://example.test/news","title":"新闻"}]},
             "tools_info":{"name":"baidu_search","rag_search":["新闻"]},
             "usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12,"plugins":[{"name":"baidu_search","parse_tokens":3}]}}
            """));
        using var client = fake.CreateClient();

        var reply = await client.Chat.CompleteAsync(new ChatRequest("ERNIE-3.5-8K") { Messages = { ChatMessage.User("新闻") }, EnableCitation = true });

        Assert.True(reply.IsSafe);
        Assert.Equal(0, reply.Flag);
        var source = Assert.Single(reply.SearchInfo!.SearchResults);
        Assert.Equal((1, "https://example.test/news", "新闻"), (source.Index, source.Url, source.Title));
        Assert.Equal("baidu_search", reply.ToolsInfo!.Value.GetProperty("name").GetString());
        Assert.Equal(3, reply.Usage!.Plugins!.Value[0].GetProperty("parse_tokens").GetInt32());
        Assert.Null(reply.FunctionCall);
    }

    [Fact]
    public async Task Reply_WithoutTheExtras_HasThemNullOrEmpty()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Json("""{"id":"as-x","result":"好","search_info":{"search_results":null}}"""));
        using var client = fake.CreateClient();

        var reply = await client.Chat.CompleteAsync(new ChatRequest("ERNIE-3.5-8K") { Messages = { ChatMessage.User("好") } });

        Assert.Empty(reply.SearchInfo!.SearchResults);
        Assert.Null(reply.ToolsInfo);
        Assert.Null(reply.IsSafe);
        Assert.Null(reply.Usage);
    }
}
