using Microsoft.Extensions.AI;

namespace Qianfan.Sdk.IntegrationTests.Zhipu;

/// <summary>Zhipu as <see cref="IChatClient"/> against the emulator: a reply and a stream alike, reasoning, and a tool round trip by <c>UseFunctionInvocation</c>.</summary>
public sealed class ChatClientEmulatorTests
{
    [Fact]
    public async Task AResponse_AndAStream_SayTheSame_WithTheReasoning()
    {
        await using var session = await ZhipuSession.StartAsync();
        var chat = session.Client.AsIChatClient("glm-4.5");
        ChatMessage[] messages = [new(ChatRole.System, "你是数学老师"), new(ChatRole.User, "1加1为什么等于2?")];

        var response = await chat.GetResponseAsync(messages);
        var streamed = await chat.GetStreamingResponseAsync(messages).ToChatResponseAsync();

        Assert.Contains("1加1为什么等于2?", response.Text, StringComparison.Ordinal);
        Assert.Equal(response.Text, streamed.Text);
        var reasoning = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>());
        Assert.Equal(reasoning.Text, string.Concat(streamed.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.True(response.Usage!.TotalTokenCount > 0);
        Assert.Equal(response.Usage.TotalTokenCount, streamed.Usage!.TotalTokenCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UseFunctionInvocation_CallsTheTool_AndAnswersWithItsResult(bool stream)
    {
        await using var session = await ZhipuSession.StartAsync();
        var calls = 0;
        var weather = AIFunctionFactory.Create((string city) => { Interlocked.Increment(ref calls); return $"{city}：晴"; }, "get_weather", "查询城市的天气");
        var chat = new ChatClientBuilder(session.Client.AsIChatClient("glm-4")).UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [weather] };

        var response = stream
            ? await chat.GetStreamingResponseAsync("北京天气怎么样？", options).ToChatResponseAsync()
            : await chat.GetResponseAsync("北京天气怎么样？", options);

        Assert.Equal(1, calls);
        Assert.Contains("get_weather", response.Text, StringComparison.Ordinal);
        Assert.Contains("：晴", response.Text, StringComparison.Ordinal);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(2, session.Emulator.Requests.Count);
        Assert.Contains("\"role\":\"tool\"", session.Emulator.Requests[1].Body, StringComparison.Ordinal);
    }
}
