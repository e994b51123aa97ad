using System.Text.Json;
using Microsoft.Extensions.AI;
using Qianfan.Sdk.Tests.TestSupport;
using Qianfan.Sdk.Zhipu;

namespace Qianfan.Sdk.Tests.Zhipu;

/// <summary>
/// <c>AsIChatClient</c>: M.E.AI's messages and options as a Zhipu request (tools, thinking, JSON replies), the reply,
/// reasoning, tool calls and usage as M.E.AI's, the same rules as the other platforms' adapters.
/// </summary>
public sealed class ChatClientTests
{
    [Fact]
    public async Task GetResponse_MapsMessagesAndOptions_AndTheReply()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Json(ZhipuReplies.Completion("二", reasoning: "想一想")));
        using var zhipu = fake.CreateClient();
        var chat = zhipu.AsIChatClient("glm-4.5");

        var response = await chat.GetResponseAsync(
            [new(ChatRole.System, "你是老师"), new(ChatRole.User, "1+1?")],
            new ChatOptions { Temperature = 0.5f, TopP = 0.9f, MaxOutputTokens = 64, StopSequences = ["。"], Seed = 3, Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None }, ResponseFormat = ChatResponseFormat.Json });

        Assert.Equal("二", response.Text);
        Assert.Equal("想一想", Assert.Single(response.Messages[0].Contents.OfType<TextReasoningContent>()).Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(248, response.Usage!.TotalTokenCount);
        Assert.Equal(31, response.Usage.InputTokenCount);
        var body = Assert.Single(fake.Requests).Json;
        Assert.Equal("glm-4.5", body.GetProperty("model").GetString());
        Assert.Equal([("system", "你是老师"), ("user", "1+1?")], body.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString())));
        Assert.Equal("0.5", body.GetProperty("temperature").GetRawText());
        Assert.Equal(64, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(3, body.GetProperty("seed").GetInt32());
        Assert.Equal("""{"type":"disabled"}""", body.GetProperty("thinking").GetRawText());
        Assert.Equal("""{"type":"json_object"}""", body.GetProperty("response_format").GetRawText());
        Assert.Equal("zhipu", chat.GetService<ChatClientMetadata>()!.ProviderName);
        Assert.Same(zhipu, chat.GetService<ZhipuClient>());
    }

    [Fact]
    public async Task ToolLoop_FunctionsAreOfferedAndTheirCallsAndResultsMapped()
    {
        using var fake = new FakeZhipu();
        fake.RespondInTurn(
            () => ZhipuReplies.Json("""{"id":"t","created":1,"model":"glm-4","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"北京\"}"}}]}}]}"""),
            () => ZhipuReplies.Json(ZhipuReplies.Completion("北京晴")));
        using var zhipu = fake.CreateClient();
        var chat = new ChatClientBuilder(zhipu.AsIChatClient("glm-4")).UseFunctionInvocation().Build();
        var weather = AIFunctionFactory.Create((string city) => $"{city}: 晴", "get_weather", "查询城市的天气");

        var response = await chat.GetResponseAsync("北京天气怎么样?", new ChatOptions { Tools = [weather] });

        Assert.Equal("北京晴", response.Text);
        var first = fake.Requests[0].Json;
        Assert.Equal("get_weather", first.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        var second = fake.Requests[1].Json.GetProperty("messages");
        Assert.Equal("call_1", second[1].GetProperty("tool_calls")[0].GetProperty("id").GetString());
        // FunctionInvokingChatClient hands the function's string back as a JSON string: the shared mapping sends its text.
        Assert.Equal("tool", second[2].GetProperty("role").GetString());
        Assert.Equal("call_1", second[2].GetProperty("tool_call_id").GetString());
        Assert.Equal("北京: 晴", second[2].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Streaming_YieldsReasoningTextAndWholeToolCalls_AndUsage()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Stream(
            """{"id":"s","created":1,"model":"glm-4.6","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"先想"}}]}""",
            """{"id":"s","created":1,"model":"glm-4.6","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"a\":"}}]}}]}""",
            """{"id":"s","created":1,"model":"glm-4.6","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"1}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}""",
            "[DONE]"));
        using var zhipu = fake.CreateClient();
        var chat = zhipu.AsIChatClient("glm-4.6");

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync("调用 f"))
        {
            updates.Add(update);
        }

        var contents = updates.SelectMany(u => u.Contents).ToList();
        Assert.Equal("先想", Assert.Single(contents.OfType<TextReasoningContent>()).Text);
        var call = Assert.Single(contents.OfType<FunctionCallContent>());
        Assert.Equal("call_1", call.CallId);
        Assert.Equal(1, ((JsonElement)call.Arguments!["a"]!).GetInt32());
        Assert.Equal(3, Assert.Single(contents.OfType<UsageContent>()).Details.TotalTokenCount);
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
    }

    [Theory]
    [InlineData("TopK")]
    [InlineData("FrequencyPenalty")]
    [InlineData("Required")]
    [InlineData("Schema")]
    public async Task OptionsTheServiceCannotHonour_AreNotSupported(string option)
    {
        using var fake = new FakeZhipu();
        using var zhipu = fake.CreateClient();
        var chat = zhipu.AsIChatClient("glm-4");
        var options = option switch
        {
            "TopK" => new ChatOptions { TopK = 3 },
            "FrequencyPenalty" => new ChatOptions { FrequencyPenalty = 0.5f },
            "Required" => new ChatOptions { ToolMode = ChatToolMode.RequireAny },
            _ => new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("""{"type":"object"}""").RootElement) },
        };

        await Assert.ThrowsAsync<NotSupportedException>(() => chat.GetResponseAsync("你好", options));
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task ToolModeNone_SendsNoTools()
    {
        using var fake = new FakeZhipu();
        using var zhipu = fake.CreateClient();
        var weather = AIFunctionFactory.Create((string city) => city, "get_weather", "查询天气");

        await zhipu.AsIChatClient("glm-4").GetResponseAsync("你好", new ChatOptions { Tools = [weather], ToolMode = ChatToolMode.None });

        Assert.False(Assert.Single(fake.Requests).Json.TryGetProperty("tools", out _));
    }

    [Fact]
    public async Task ReasoningOutputNone_HidesTheReasoning()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Json(ZhipuReplies.Completion("二", reasoning: "想一想")));
        using var zhipu = fake.CreateClient();

        var response = await zhipu.AsIChatClient("glm-4.5").GetResponseAsync("1+1?", new ChatOptions { Reasoning = new ReasoningOptions { Output = ReasoningOutput.None } });

        Assert.Empty(response.Messages[0].Contents.OfType<TextReasoningContent>());
        Assert.Equal("二", response.Text);
    }

    [Fact]
    public async Task Validation_StillApplies_ThroughTheAdapter()
    {
        using var fake = new FakeZhipu();
        using var zhipu = fake.CreateClient();

        var error = await Assert.ThrowsAsync<Qianfan.Sdk.Zhipu.Errors.ZhipuValidationException>(() => zhipu.AsIChatClient("glm-4").GetResponseAsync("你好", new ChatOptions { Temperature = 1.5f }));

        Assert.Equal("temperature", error.ParamName);
        Assert.Empty(fake.Requests);
    }

}
