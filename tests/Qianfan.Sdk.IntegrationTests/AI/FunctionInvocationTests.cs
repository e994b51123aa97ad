using Microsoft.Extensions.AI;

namespace Qianfan.Sdk.IntegrationTests.AI;

/// <summary>
/// Microsoft.Extensions.AI's function invocation over the SDK's IChatClient, as its samples build it
/// (<c>new ChatClientBuilder(inner).UseFunctionInvocation().Build()</c> with <c>AIFunctionFactory.Create</c> tools):
/// the emulator calls the tools, the functions run, their results go back as the service's tool (V2) or function (V1)
/// messages, and the answer quotes them — sync and streamed.
/// </summary>
public sealed class FunctionInvocationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task V2_TwoToolsInOneTurn_AreInvoked_AndTheAnswerQuotesTheirResults(bool stream)
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var (weather, time, calls) = AIHarness.WeatherAndTime();
        using var chat = new ChatClientBuilder(client.AsIChatClient(AIHarness.V2Model)).UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [weather, time] };

        var response = stream
            ? await chat.GetStreamingResponseAsync("北京的天气和时间", options).ToChatResponseAsync()
            : await chat.GetResponseAsync("北京的天气和时间", options);

        Assert.Equal("这是千帆模拟器的回答。工具 get_time 返回的结果是：10:00。祝你一切顺利！", response.Text);
        Assert.Equal(["get_time()", "get_weather(北京的天气和时间)"], calls.Order());   // invoked once each, in any order
        var sent = emulator.V2Chats();
        Assert.Equal(2, sent.Count);
        var messages = sent[1].Json().GetProperty("messages");
        Assert.Equal(["user", "assistant", "tool", "tool"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        var toolCalls = messages[1].GetProperty("tool_calls");
        Assert.Equal(["get_weather", "get_time"], toolCalls.EnumerateArray().Select(c => c.GetProperty("function").GetProperty("name").GetString()));
        Assert.Equal("""{"city":"北京的天气和时间"}""", toolCalls[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal(toolCalls[0].GetProperty("id").GetString(), messages[2].GetProperty("tool_call_id").GetString());
        Assert.Equal("晴，25度", messages[2].GetProperty("content").GetString());
        Assert.Equal(toolCalls[1].GetProperty("id").GetString(), messages[3].GetProperty("tool_call_id").GetString());
        Assert.Equal("10:00", messages[3].GetProperty("content").GetString());
        Assert.Contains(response.Messages, m => m.Contents.OfType<FunctionResultContent>().Count() == 2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task V1_FunctionCalling_TheFunctionIsInvoked_AndItsResultGoesBackAsAFunctionMessage(bool stream)
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var (weather, _, calls) = AIHarness.WeatherAndTime();
        using var chat = new ChatClientBuilder(client.Chat.AsIChatClient(AIHarness.V1Model)).UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [weather] };

        var response = stream
            ? await chat.GetStreamingResponseAsync("上海天气怎么样", options).ToChatResponseAsync()
            : await chat.GetResponseAsync("上海天气怎么样", options);

        Assert.Equal("这是千帆模拟器的回答。函数 get_weather 返回的结果是：晴，25度。祝你一切顺利！", response.Text);
        Assert.Equal(["get_weather(上海天气怎么样)"], calls);
        var sent = emulator.V1Chats();
        Assert.Equal(2, sent.Count);
        var messages = sent[1].Json().GetProperty("messages");
        Assert.Equal(["user", "assistant", "function"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("get_weather", messages[1].GetProperty("function_call").GetProperty("name").GetString());
        Assert.Equal("""{"city":"上海天气怎么样"}""", messages[1].GetProperty("function_call").GetProperty("arguments").GetString());
        Assert.Equal("get_weather", messages[2].GetProperty("name").GetString());
        Assert.Equal("晴，25度", messages[2].GetProperty("content").GetString());
    }

    [Fact]
    public async Task AMultiTurnConversation_KeepsItsToolTurns_AndGoesOn()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var (weather, time, _) = AIHarness.WeatherAndTime();
        using var chat = new ChatClientBuilder(client.AsIChatClient(AIHarness.V2Model)).UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [weather, time] };
        List<ChatMessage> history = [new(ChatRole.User, "北京的天气和时间")];

        history.AddMessages(await chat.GetResponseAsync(history, options));
        history.Add(new ChatMessage(ChatRole.User, "谢谢"));
        var next = await chat.GetResponseAsync(history, options);

        Assert.Equal(AIHarness.Reply("谢谢"), next.Text);
        var roles = emulator.V2Chats()[^1].Json().GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString());
        Assert.Equal(["user", "assistant", "tool", "tool", "assistant", "user"], roles);
    }
}
