using System.Net;
using Qianfan.Sdk.DashScope.Errors;
using Qianfan.Sdk.DashScope.Generation;

namespace Qianfan.Sdk.IntegrationTests.DashScope;

/// <summary>
/// The DashScope programs of the Qwen tutorial, written with the SDK and run against the emulator: single turn by
/// messages (message format, a random seed), single turn by prompt (the text format, with usage) — whose replies come
/// in different shapes and read alike —, and the multi-turn loop that appends each reply and stops at an error.
/// </summary>
public sealed class SeedProgramTests
{
    [Fact]
    public async Task CallWithMessages_GetsAMessageFormatReply()
    {
        await using var session = await DashScopeSession.StartAsync();

        var reply = await session.Client.Generation.CompleteAsync(new GenerationRequest("qwen-turbo")
        {
            Messages = { GenerationMessage.System("You are a helpful assistant."), GenerationMessage.User("如何做西红柿炒鸡蛋？") },
            Seed = Random.Shared.Next(1, 10000),
            ResultFormat = GenerationResultFormat.Message,
        });

        Assert.Equal(GenerationResultFormat.Message, reply.ResultFormat);
        Assert.Contains("如何做西红柿炒鸡蛋？", reply.Text, StringComparison.Ordinal);
        Assert.Equal("stop", reply.FinishReason);
        Assert.Equal(GenerationRole.Assistant, reply.Choices[0].Message!.Role);
        Assert.NotNull(reply.RequestId);
        Assert.True(reply.Usage!.InputTokens > 0 && reply.Usage.OutputTokens > 0);
    }

    [Fact]
    public async Task CallWithPrompt_GetsATextFormatReply_ThatReadsTheSame()
    {
        await using var session = await DashScopeSession.StartAsync();

        var reply = await session.Client.Generation.CompleteAsync(new GenerationRequest("qwen-turbo") { Prompt = "就当前的海洋污染的情况，写一份限塑的倡议书提纲。" });

        Assert.Equal(GenerationResultFormat.Text, reply.ResultFormat);
        Assert.Equal(reply.Text, reply.Output.Text);
        Assert.Contains("限塑的倡议书提纲", reply.Text, StringComparison.Ordinal);
        Assert.Equal(reply.Usage!.InputTokens + reply.Usage.OutputTokens, reply.Usage.TotalTokens);
        Assert.Equal(GenerationRole.Assistant, reply.Message.Role);
    }

    [Fact]
    public async Task TheMultiTurnLoop_AppendsEachReply_AndTheModelSeesTheWholeConversation()
    {
        await using var session = await DashScopeSession.StartAsync();
        var conversation = new GenerationConversation(session.Client.Generation, new GenerationRequest("qwen-turbo")
        {
            Messages = { GenerationMessage.System("You are a helpful assistant.") },
            ResultFormat = GenerationResultFormat.Message,
        });

        var answers = new List<string>();
        foreach (var question in new[] { "你好", "我刚才说了什么？", "再见" })
        {
            answers.Add((await conversation.SendAsync(question)).Text);
        }

        Assert.Equal(6, conversation.History.Count);
        Assert.Contains("我刚才说了什么？", answers[1], StringComparison.Ordinal);
        var last = session.Emulator.Requests[^1].Body;
        Assert.Contains("\"你好\"", last, StringComparison.Ordinal);
        Assert.Contains(answers[0].Replace("\"", "\\\"", StringComparison.Ordinal), last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMultiTurnLoop_StopsAtAnError_WithItsRequestIdStatusAndCode_InsteadOfReadingAFailedReply()
    {
        await using var session = await DashScopeSession.StartAsync();
        var conversation = new GenerationConversation(session.Client.Generation, new GenerationRequest("qwen-turbo") { ResultFormat = GenerationResultFormat.Message });
        await conversation.SendAsync("你好");
        session.Scenarios.FailNextCalls(1, "DataInspectionFailed");

        var error = await Assert.ThrowsAsync<DashScopeException>(() => conversation.SendAsync("不该说的话"));

        Assert.Equal(("DataInspectionFailed", HttpStatusCode.BadRequest), (error.Code, error.StatusCode));
        Assert.NotNull(error.RequestId);
        Assert.Contains("inappropriate", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(2, conversation.History.Count);
    }
}
