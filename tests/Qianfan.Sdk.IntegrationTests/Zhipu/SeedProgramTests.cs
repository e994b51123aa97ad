using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.IntegrationTests.Emulator;
using Qianfan.Sdk.Zhipu.Chat;
using Qianfan.Sdk.Zhipu.Images;

namespace Qianfan.Sdk.IntegrationTests.Zhipu;

/// <summary>
/// The Zhipu programs of the tutorial, written with the SDK and run against the emulator: GLM-4 sync with a prepared
/// conversation, the multi-turn loop that keeps the context, the asynchronous task created then polled until
/// <c>SUCCESS</c> (not the sample's <c>FAILED</c>, which the service never sends), and CogView's picture URL.
/// </summary>
public sealed class SeedProgramTests
{
    [Fact]
    public async Task Glm4Sync_AnswersTheLastUserTurn_OfAPreparedConversation()
    {
        await using var session = await ZhipuSession.StartAsync();

        var reply = await session.Client.Chat.CompleteAsync(new ChatCompletionRequest("glm-4")
        {
            Messages =
            {
                ChatMessage.User("作为一名营销专家，请为我的产品创作一个吸引人的slogan"),
                ChatMessage.Assistant("当然，为了创作一个吸引人的slogan，请告诉我一些关于您产品的信息"),
                ChatMessage.User("智谱AI开放平台"),
                ChatMessage.Assistant("智启未来，谱绘无限一智谱AI，让创新触手可及!"),
                ChatMessage.User("创造一个更精准、吸引人的slogan"),
            },
        });

        Assert.Contains("创造一个更精准、吸引人的slogan", reply.Content, StringComparison.Ordinal);
        Assert.Equal("stop", reply.FinishReason);
        Assert.Equal(ChatRole.Assistant, reply.Choices[0].Message!.Role);
        Assert.Null(reply.ReasoningContent);
        Assert.NotNull(reply.RequestId);
        Assert.True(reply.Usage!.PromptTokens > 0 && reply.Usage.CompletionTokens > 0);
        Assert.Equal(reply.Usage.PromptTokens + reply.Usage.CompletionTokens, reply.Usage.TotalTokens);
    }

    [Fact]
    public async Task TheMultiTurnLoop_KeepsTheContext_AndTheModelSeesTheWholeConversation()
    {
        await using var session = await ZhipuSession.StartAsync();
        var conversation = new ChatCompletionConversation(session.Client.Chat, new ChatCompletionRequest("glm-4"));

        var answers = new List<string>();
        foreach (var question in new[] { "你好", "我刚才说了什么？", "再见" })
        {
            answers.Add((await conversation.SendAsync(question)).Content);
        }

        Assert.Equal(6, conversation.History.Count);
        Assert.Contains("我刚才说了什么？", answers[1], StringComparison.Ordinal);
        using var last = JsonDocument.Parse(session.Emulator.Requests[^1].Body);
        var sent = last.RootElement.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString())).ToList();
        Assert.Equal(("user", "你好"), sent[0]);
        Assert.Equal(("assistant", answers[0]), sent[1]);
        Assert.Equal(("user", "再见"), sent[^1]);
    }

    [Fact]
    public async Task TheAsynchronousTask_IsCreated_ThenPolledUntilSuccess()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
        await using var session = await ZhipuSession.StartAsync(
            new QianfanEmulatorOptions { TimeProvider = time },
            o => o.TaskPolling = new TaskPollingOptions { Interval = TimeSpan.FromSeconds(2), BackoffFactor = 1, Timeout = TimeSpan.FromSeconds(80) },
            time);
        var request = new ChatCompletionRequest("glm-4") { Messages = { ChatMessage.User("请你作为童话故事大王，写一篇短篇童话故事，故事的主题是要永远保持一颗善良的心。") } };

        var task = await session.Client.AsyncChat.SubmitAsync(request);
        var states = new List<string?>();
        var result = await Clock.DriveAsync(time, session.Client.AsyncChat.WaitAsync(task.Id, new Recorder(states)));

        Assert.Equal(AsyncTaskStatus.Processing, task.TaskStatus);
        Assert.False(string.IsNullOrEmpty(task.Id));
        Assert.Equal(AsyncTaskStatus.Success, result.TaskStatus);
        Assert.Equal(AsyncTaskStatus.Processing, states[0]);
        Assert.Equal(AsyncTaskStatus.Success, states[^1]);
        Assert.Contains("永远保持一颗善良的心", result.Content, StringComparison.Ordinal);
        Assert.Equal(task.Id, result.Id);
        Assert.True(result.Usage!.TotalTokens > 0);
        Assert.All(session.Emulator.Requests.Skip(1), r => Assert.Equal(("GET", "/api/paas/v4/async-result/" + task.Id), (r.Method, r.Path)));
    }

    [Fact]
    public async Task CogView_GivesTheUrlOfAPictureTheEmulatorServes()
    {
        await using var session = await ZhipuSession.StartAsync();

        var response = await session.Client.Images.GenerateAsync(new ImageGenerationRequest("一只可爱的小猫咪", "cogview-3"));

        var url = Assert.Single(response.Images).Url!;
        Assert.Equal(url, response.Url);
        Assert.StartsWith(session.Emulator.BaseUrl + "/zhipu-files/", url, StringComparison.Ordinal);
        var png = PngFile.Decode(await session.Http.GetByteArrayAsync(url));
        Assert.Equal((1024, 1024), (png.Width, png.Height));
    }

    private sealed class Recorder(List<string?> states) : IProgress<AsyncChatResult>
    {
        public void Report(AsyncChatResult value)
        {
            lock (states)
            {
                states.Add(value.TaskStatus);
            }
        }
    }
}
