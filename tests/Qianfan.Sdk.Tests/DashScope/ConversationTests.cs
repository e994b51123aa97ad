using System.Net;
using Qianfan.Sdk.DashScope.Errors;
using Qianfan.Sdk.DashScope.Generation;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.DashScope;

/// <summary>
/// The multi-turn helper does what DashScope's multi-turn example does by hand — appends each question and reply and
/// sends the whole history — whichever format the replies come in, and stops at an error with the history untouched
/// instead of reading a failed reply's output.
/// </summary>
public sealed class ConversationTests : IDisposable
{
    private readonly FakeDashScope _fake = new();

    [Theory]
    [InlineData(GenerationResultFormat.Message)]
    [InlineData(GenerationResultFormat.Text)]
    public async Task EachTurn_SendsTheHistory_AndAppendsTheReply(GenerationResultFormat format)
    {
        _fake.RespondInTurn(
            () => DashScopeReplies.Json(format == GenerationResultFormat.Message ? DashScopeReplies.MessageReply : DashScopeReplies.TextReply),
            () => DashScopeReplies.Json(DashScopeReplies.MessageReply));
        using var client = _fake.CreateClient();
        var conversation = new GenerationConversation(client.Generation, new GenerationRequest("qwen-turbo")
        {
            Messages = { GenerationMessage.System("You are a helpful assistant.") },
            ResultFormat = format,
        });

        var first = await conversation.SendAsync("1+1 是多少？").OrHang();
        await conversation.SendAsync("再加 1 呢？").OrHang();

        var second = _fake.Requests[1].Json.GetProperty("input").GetProperty("messages");
        Assert.Equal(4, second.GetArrayLength());
        Assert.Equal(["system", "user", "assistant", "user"], second.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(first.Text, second[2].GetProperty("content").GetString());
        Assert.Equal(4, conversation.History.Count);
        Assert.Equal(GenerationRole.Assistant, conversation.History[^1].Role);
    }

    [Fact]
    public async Task AFailedTurn_Throws_AndLeavesTheHistoryAsItWas()
    {
        _fake.RespondInTurn(
            () => DashScopeReplies.Json(DashScopeReplies.MessageReply),
            () => DashScopeReplies.Error(HttpStatusCode.BadRequest, "DataInspectionFailed", "Input data may contain inappropriate content."),
            () => DashScopeReplies.Json(DashScopeReplies.MessageReply));
        using var client = _fake.CreateClient();
        var conversation = new GenerationConversation(client.Generation, new GenerationRequest("qwen-turbo") { ResultFormat = GenerationResultFormat.Message });
        await conversation.SendAsync("你好").OrHang();

        var error = await Assert.ThrowsAsync<DashScopeException>(() => conversation.SendAsync("坏问题")).OrHang();
        await conversation.SendAsync("好问题").OrHang();

        Assert.Equal("DataInspectionFailed", error.Code);
        Assert.Equal(["你好", "1+1 等于 2。", "好问题", "1+1 等于 2。"], conversation.History.Select(m => m.Content));
        var third = _fake.Requests[2].Json.GetProperty("input").GetProperty("messages");
        Assert.Equal(3, third.GetArrayLength());
    }

    [Fact]
    public async Task AStreamedTurn_JoinsTheHistory_OnceTheStreamHasEnded()
    {
        _fake.Respond(() => DashScopeReplies.Stream(DashScopeReplies.TextStream(false, "您", "好")));
        using var client = _fake.CreateClient();
        var conversation = new GenerationConversation(client.Generation, new GenerationRequest("qwen-turbo"));

        var pieces = new List<string>();
        await foreach (var chunk in conversation.StreamAsync("你好"))
        {
            pieces.Add(chunk.Delta);
            Assert.Empty(conversation.History);
        }

        Assert.Equal(["您", "好", ""], pieces);
        Assert.Equal(["你好", "您好"], conversation.History.Select(m => m.Content));
    }

    [Fact]
    public async Task AnAbandonedStream_LeavesTheHistoryUnchanged()
    {
        _fake.Respond(() => DashScopeReplies.Stream(DashScopeReplies.TextStream(false, "您", "好")));
        using var client = _fake.CreateClient();
        var conversation = new GenerationConversation(client.Generation, new GenerationRequest("qwen-turbo"));

        await foreach (var _ in conversation.StreamAsync("你好"))
        {
            break;
        }

        Assert.Empty(conversation.History);
    }

    [Fact]
    public async Task AToolCallTurn_IsKeptWithItsCalls_AndTheResultsAnswerIt()
    {
        _fake.RespondInTurn(() => DashScopeReplies.Json(DashScopeReplies.ToolCallReply), () => DashScopeReplies.Json(DashScopeReplies.MessageReply));
        using var client = _fake.CreateClient();
        var conversation = new GenerationConversation(client.Generation, new GenerationRequest("qwen-plus")
        {
            ResultFormat = GenerationResultFormat.Message,
            Tools = { GenerationTool.ForFunction("get_current_weather") },
        });

        var call = Assert.Single((await conversation.SendAsync("杭州天气").OrHang()).ToolCalls);
        await conversation.SendAsync([GenerationMessage.Tool(call.Id!, "晴，18 度")]).OrHang();

        var messages = _fake.Requests[1].Json.GetProperty("input").GetProperty("messages");
        Assert.Equal(["user", "assistant", "tool"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(call.Id, messages[1].GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal(4, conversation.History.Count);
    }

    [Fact]
    public void TheTemplate_MayHoldOnlyASystemMessage_AndNoPrompt()
    {
        using var client = _fake.CreateClient();

        Assert.Throws<ArgumentException>(() => new GenerationConversation(client.Generation, new GenerationRequest("qwen-turbo") { Messages = { GenerationMessage.User("x") } }));
        Assert.Throws<ArgumentException>(() => new GenerationConversation(client.Generation, new GenerationRequest("qwen-turbo") { Prompt = "x" }));
    }

    public void Dispose() => _fake.Dispose();
}
