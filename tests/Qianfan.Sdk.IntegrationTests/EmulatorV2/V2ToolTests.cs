using System.Net;
using System.Text.Json;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.EmulatorV2;

/// <summary>Function calling: <c>tools</c>, the tool-call answer, and the tool result coming back.</summary>
public sealed class V2ToolTests
{
    private const string Tools = """
        ,"tools":[
          {"type":"function","function":{"name":"get_weather","description":"查询天气","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},
          {"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{}}}}]
        """;

    [Fact]
    public async Task Trigger_MakesTheAnswerACallOfTheFirstTool()
    {
        await using var session = await V2Session.StartAsync();

        var body = await session.ChatAsync(V2Session.UserBody("请调用工具查询北京天气", Tools));

        var choice = body.GetProperty("choices")[0];
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        var message = choice.GetProperty("message");
        Assert.Equal(["role", "content", "tool_calls"], message.EnumerateObject().Select(p => p.Name));
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.Equal(string.Empty, message.GetProperty("content").GetString());
        var call = Assert.Single(message.GetProperty("tool_calls").EnumerateArray());
        Assert.Equal(["id", "type", "function"], call.EnumerateObject().Select(p => p.Name));
        Assert.Matches("^call_[a-z0-9]{24}$", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("{}", call.GetProperty("function").GetProperty("arguments").GetString());
        Assert.True(body.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task ToolResult_IsMentionedInTheNextReply()
    {
        await using var session = await V2Session.StartAsync();
        var first = await session.ChatAsync(V2Session.UserBody("请调用工具查询北京天气", Tools));
        var call = first.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0];
        var callId = call.GetProperty("id").GetString();

        var body = $$$"""
            {"model":"ernie-lite-8k"{{{Tools}}},"messages":[
              {"role":"user","content":"请调用工具查询北京天气"},
              {"role":"assistant","content":"","tool_calls":[{"id":"{{{callId}}}","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"{{{callId}}}","content":"晴，25度"}]}
            """;
        var second = await session.ChatAsync(body);

        var choice = second.GetProperty("choices")[0];
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal("这是千帆模拟器的回答。工具 get_weather 返回的结果是：晴，25度。祝你一切顺利！", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.False(choice.GetProperty("message").TryGetProperty("tool_calls", out _));
    }

    [Fact]
    public async Task AssistantWithNullContentAndToolCalls_IsAccepted()
    {
        await using var session = await V2Session.StartAsync();
        const string Body = """
            {"model":"ernie-lite-8k","messages":[
              {"role":"user","content":"几点了"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"10:00"}]}
            """;

        var body = await session.ChatAsync(Body);

        Assert.Contains("get_time 返回的结果是：10:00", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMessageThatNamesNoTool_IsAnsweredWithText()
    {
        await using var session = await V2Session.StartAsync();

        var body = await session.ChatAsync(V2Session.UserBody("你好，讲个笑话", Tools));

        Assert.Equal("stop", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("这是千帆模拟器的回答。你说的是：你好，讲个笑话。祝你一切顺利！", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task TriggerWithoutTools_IsPlainText()
    {
        await using var session = await V2Session.StartAsync();

        var body = await session.ChatAsync(V2Session.UserBody("请调用工具"));

        Assert.Equal("stop", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task ToolChoiceNone_WinsOverTheTrigger()
    {
        await using var session = await V2Session.StartAsync();

        var body = await session.ChatAsync(V2Session.UserBody("请调用工具", Tools + ""","tool_choice":"none" """));

        Assert.Equal("stop", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task ToolChoiceRequired_CallsTheFirstToolWithoutTrigger()
    {
        await using var session = await V2Session.StartAsync();

        var body = await session.ChatAsync(V2Session.UserBody("北京天气", Tools + ""","tool_choice":"required" """));

        Assert.Equal("get_weather", ToolCalled(body));
    }

    [Fact]
    public async Task NamedToolChoice_CallsThatTool()
    {
        await using var session = await V2Session.StartAsync();

        var body = await session.ChatAsync(V2Session.UserBody("几点了", Tools + ""","tool_choice":{"type":"function","function":{"name":"get_time"}}"""));

        Assert.Equal("get_time", ToolCalled(body));
    }

    [Fact]
    public async Task Trigger_IsConfigurable()
    {
        await using var session = await V2Session.StartAsync(new QianfanEmulatorOptions { ToolCallTrigger = "use a tool" });

        var custom = await session.ChatAsync(V2Session.UserBody("please use a tool", Tools));
        var old = await session.ChatAsync(V2Session.UserBody("请调用工具", Tools));

        Assert.Equal("get_weather", ToolCalled(custom));
        Assert.Equal("stop", old.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task NoTrigger_OnlyToolChoiceForcesACall()
    {
        await using var session = await V2Session.StartAsync(new QianfanEmulatorOptions { ToolCallTrigger = null });

        var text = await session.ChatAsync(V2Session.UserBody("请调用工具", Tools));
        var forced = await session.ChatAsync(V2Session.UserBody("请调用工具", Tools + ""","tool_choice":"required" """));

        Assert.Equal("stop", text.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("get_weather", ToolCalled(forced));
    }

    [Fact]
    public async Task StreamedToolCall_SendsIdAndNameOnce_ThenTheArgumentsInFragments()
    {
        await using var session = await V2Session.StartAsync();
        const string WithSchema = """
            ,"tools":[{"type":"function","function":{"name":"get_weather","description":"查询天气",
              "parameters":{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"}},"required":["city","days"]}}}]
            """;

        var events = await session.StreamAsync(V2Session.UserBody("调用工具", WithSchema + ""","stream":true,"stream_options":{"include_usage":true}"""));

        Assert.Equal("[DONE]", events[^1]);
        Assert.Equal(0, V2Session.Parse(events[^2]).GetProperty("choices").GetArrayLength()); // the usage tail
        var fragments = events[..^2].Select(e => V2Session.Parse(e).GetProperty("choices")[0]).ToList();
        Assert.True(fragments.Count >= 3, $"{fragments.Count} events");
        var first = fragments[0].GetProperty("delta");
        Assert.Equal("assistant", first.GetProperty("role").GetString());
        var head = Assert.Single(first.GetProperty("tool_calls").EnumerateArray());
        Assert.Equal(["index", "id", "type", "function"], head.EnumerateObject().Select(p => p.Name));
        Assert.Equal("get_weather", head.GetProperty("function").GetProperty("name").GetString());
        Assert.All(fragments.Skip(1), f =>
        {
            var piece = Assert.Single(f.GetProperty("delta").GetProperty("tool_calls").EnumerateArray());
            Assert.Equal(["index", "function"], piece.EnumerateObject().Select(p => p.Name));
            Assert.Equal(["arguments"], piece.GetProperty("function").EnumerateObject().Select(p => p.Name));
        });
        var arguments = string.Concat(fragments.Select(f => f.GetProperty("delta").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString()));
        Assert.Equal("""{"city":"调用工具","days":0}""", arguments);
        Assert.Equal("tool_calls", fragments[^1].GetProperty("finish_reason").GetString());
        Assert.All(fragments.SkipLast(1), f => Assert.Equal(JsonValueKind.Null, f.GetProperty("finish_reason").ValueKind));
    }

    [Fact]
    public async Task ReplyFactory_IsNotCalledForAToolCall_ButSeesTheToolResult()
    {
        var calls = new List<string>();
        var options = new QianfanEmulatorOptions
        {
            ReplyFactory = context =>
            {
                calls.Add(string.Join(",", context.Messages.Select(m => m.Role)));
                return $"结果：{context.LastUserMessage}";
            },
        };
        await using var session = await V2Session.StartAsync(options);
        const string Result = """
            {"model":"ernie-lite-8k","messages":[
              {"role":"user","content":"请调用工具"},
              {"role":"assistant","content":"","tool_calls":[{"id":"c1","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"c1","content":"10:00"}]}
            """;

        var call = await session.ChatAsync(V2Session.UserBody("请调用工具", Tools));
        var reply = await session.ChatAsync(Result);

        Assert.Equal("get_weather", ToolCalled(call));
        Assert.Equal("结果：10:00", reply.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(["user,assistant,tool"], calls);
    }

    private static string? ToolCalled(JsonElement body)
    {
        var choice = body.GetProperty("choices")[0];
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        return choice.GetProperty("message").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString();
    }
}
