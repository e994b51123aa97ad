using Microsoft.Extensions.AI;

namespace Qianfan.Sdk.IntegrationTests.DashScope;

/// <summary>DashScope as <see cref="IChatClient"/> against the emulator: a reply, a stream, and a tool round trip.</summary>
public sealed class ChatClientEmulatorTests
{
    [Fact]
    public async Task AResponse_AndAStream_SayTheSame()
    {
        await using var session = await DashScopeSession.StartAsync();
        var chat = session.Client.AsIChatClient("qwen-plus");
        ChatMessage[] messages = [new(ChatRole.System, "你是数学老师"), new(ChatRole.User, "1加1为什么等于2?")];

        var response = await chat.GetResponseAsync(messages);
        var streamed = await chat.GetStreamingResponseAsync(messages).ToChatResponseAsync();

        Assert.Contains("1加1为什么等于2?", response.Text, StringComparison.Ordinal);
        Assert.Equal(response.Text, streamed.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.True(response.Usage!.TotalTokenCount > 0);
        Assert.Equal(response.Usage.TotalTokenCount, streamed.Usage!.TotalTokenCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ATool_IsCalled_AndItsResultAnswered(bool stream)
    {
        await using var session = await DashScopeSession.StartAsync();
        var chat = session.Client.AsIChatClient("qwen-plus");
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => $"{city}：晴", "get_weather", "查询城市的天气")] };
        var history = new List<ChatMessage> { new(ChatRole.User, "北京天气怎么样？") };

        var first = stream ? await chat.GetStreamingResponseAsync(history, options).ToChatResponseAsync() : await chat.GetResponseAsync(history, options);
        var call = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "北京：晴")]));
        var second = await chat.GetResponseAsync(history, options);

        Assert.Equal("get_weather", call.Name);
        Assert.True(call.Arguments!.ContainsKey("city"));
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.Contains("北京：晴", second.Text, StringComparison.Ordinal);
    }
}
