using System.Text.Json;
using Qianfan.Sdk.Chat;

namespace Qianfan.Sdk.IntegrationTests.Sdk;

/// <summary>
/// A newcomer's tool loop against the emulator, through the SDK: ask, get tool calls (V2) or a function call (V1)
/// whose arguments follow the schema, answer with the results, get the final reply; sync and streamed (fragments
/// assembled by the SDK), with several tools in one turn.
/// </summary>
public sealed class ToolLoopTests
{
    private static readonly JsonElement WeatherSchema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"}},"required":["city","days"]}""").RootElement;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task V2_ToolLoop_TwoToolsInOneTurn_ThenTheFinalAnswer(bool stream)
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.V2Client(emu, singleAttempt: true);
        var conversation = new ChatCompletionConversation(client.ChatCompletions, new ChatCompletionRequest("ernie-4.5-turbo-128k")
        {
            Tools = { ChatTool.ForFunction("get_weather", "查询城市的天气", WeatherSchema), ChatTool.ForFunction("get_time", "查询当地时间") },
        });

        var asked = stream ? await conversation.StreamAsync("北京的天气和时间").ToCompletionAsync() : await conversation.SendAsync("北京的天气和时间");

        Assert.Equal("tool_calls", asked.FinishReason);
        Assert.Equal(["get_weather", "get_time"], asked.ToolCalls.Select(c => c.Function!.Name));
        var arguments = JsonDocument.Parse(asked.ToolCalls[0].Function!.Arguments!).RootElement;
        Assert.Equal("北京的天气和时间", arguments.GetProperty("city").GetString());
        Assert.Equal(0, arguments.GetProperty("days").GetInt32());
        Assert.Equal("{}", asked.ToolCalls[1].Function!.Arguments);
        Assert.All(asked.ToolCalls, c => Assert.StartsWith("call_", c.Id, StringComparison.Ordinal));

        var results = asked.ToolCalls.Select(c => ChatMessage.Tool(c.Id!, c.Function!.Name == "get_weather" ? "晴，25度" : "10:00")).ToList();
        var answer = stream ? await conversation.StreamAsync(results).ToCompletionAsync() : await conversation.SendAsync(results);

        Assert.Equal("stop", answer.FinishReason);
        Assert.Equal("这是千帆模拟器的回答。工具 get_time 返回的结果是：10:00。祝你一切顺利！", answer.Content);
        Assert.Equal(["user", "assistant", "tool", "tool", "assistant"], conversation.History.Select(m => m.Role.ToString().ToLowerInvariant()));
        var sent = emu.V2ChatRequests()[1].Json().GetProperty("messages");
        Assert.Equal(asked.ToolCalls[0].Id, sent[1].GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal(asked.ToolCalls[1].Id, sent[3].GetProperty("tool_call_id").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task V1_FunctionCalling_FunctionCallThenTheFunctionsResult(bool stream)
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        var functions = new[] { new ChatFunction { Name = "get_weather", Description = "查询城市的天气", Parameters = WeatherSchema } };
        var ask = new ChatRequest("ERNIE-3.5-8K") { Messages = { ChatMessage.User("上海天气怎么样") } };
        foreach (var function in functions)
        {
            ask.Functions.Add(function);
        }

        ChatFunctionCall call;
        if (stream)
        {
            var chunks = await client.Chat.StreamAsync(ask).ToListAsync();
            var last = chunks[^1];
            Assert.True(last.IsEnd);
            Assert.Equal("function_call", last.FinishReason);
            call = last.FunctionCall!;
        }
        else
        {
            var reply = await client.Chat.CompleteAsync(ask);
            Assert.Equal("function_call", reply.FinishReason);
            Assert.Equal("", reply.Result);
            call = reply.FunctionCall!;
        }

        Assert.Equal("get_weather", call.Name);
        Assert.Contains("get_weather", call.Thoughts, StringComparison.Ordinal);
        Assert.Equal("""{"city":"上海天气怎么样","days":0}""", call.Arguments);

        var next = new ChatRequest("ERNIE-3.5-8K")
        {
            Messages = { ChatMessage.User("上海天气怎么样"), new ChatMessage(ChatRole.Assistant, "") { FunctionCall = call }, ChatMessage.Function("get_weather", "多云，20度") },
        };
        foreach (var function in functions)
        {
            next.Functions.Add(function);
        }

        var answer = await client.Chat.CompleteAsync(next);

        Assert.Equal("这是千帆模拟器的回答。函数 get_weather 返回的结果是：多云，20度。祝你一切顺利！", answer.Result);
        Assert.Equal("normal", answer.FinishReason);
        Assert.Null(answer.FunctionCall);
    }

    [Fact]
    public async Task V1_ToolChoiceForcesTheNamedFunction_AMessageNamingNoneIsAnsweredWithText()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        var forced = new ChatRequest("ERNIE-3.5-8K") { Messages = { ChatMessage.User("你好") }, Functions = { new ChatFunction { Name = "say_hello" }, new ChatFunction { Name = "get_weather", Description = "查询天气" } }, ToolChoice = "get_weather" };
        var free = new ChatRequest("ERNIE-3.5-8K") { Messages = { ChatMessage.User("讲个笑话") }, Functions = { new ChatFunction { Name = "get_weather", Description = "查询天气" } } };

        var call = await client.Chat.CompleteAsync(forced);
        var text = await client.Chat.CompleteAsync(free);

        Assert.Equal("get_weather", call.FunctionCall!.Name);
        Assert.Equal("{}", call.FunctionCall.Arguments);
        Assert.Null(text.FunctionCall);
        Assert.Equal(SdkHarness.DefaultReply("讲个笑话"), text.Result);
    }
}
