using System.Net;
using Qianfan.Sdk.Tests.TestSupport;
using Qianfan.Sdk.Zhipu;
using Qianfan.Sdk.Zhipu.Chat;
using Qianfan.Sdk.Zhipu.Errors;

namespace Qianfan.Sdk.Tests.Zhipu;

/// <summary>A multi-turn conversation keeps its history: each turn sends what came before, a failed turn records nothing.</summary>
public sealed class ConversationTests
{
    [Fact]
    public async Task EachTurn_SendsTheSystemMessageAndTheHistory()
    {
        using var fake = new FakeZhipu();
        fake.RespondInTurn(() => ZhipuReplies.Json(ZhipuReplies.Completion("一")), () => ZhipuReplies.Json(ZhipuReplies.Completion("二")));
        using var client = fake.CreateClient();
        var conversation = new ChatCompletionConversation(client.Chat, new ChatCompletionRequest("glm-4") { Messages = { ChatMessage.System("你是数学老师") } });

        await conversation.SendAsync("1加1?");
        await conversation.SendAsync("再加1?");

        var second = fake.Requests[1].Json.GetProperty("messages");
        Assert.Equal(
            [("system", "你是数学老师"), ("user", "1加1?"), ("assistant", "一"), ("user", "再加1?")],
            second.EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString())));
        Assert.Equal(4, conversation.History.Count);
    }

    [Fact]
    public async Task FailedTurn_LeavesTheHistoryAsItWas()
    {
        using var fake = new FakeZhipu();
        fake.RespondInTurn(() => ZhipuReplies.Json(ZhipuReplies.Completion("一")), () => ZhipuReplies.Error(HttpStatusCode.BadRequest, "1301"));
        using var client = fake.CreateClient();
        var conversation = new ChatCompletionConversation(client.Chat, new ChatCompletionRequest("glm-4"));

        await conversation.SendAsync("1加1?");
        await Assert.ThrowsAsync<ZhipuException>(() => conversation.SendAsync("敏感"));

        Assert.Equal(["1加1?", "一"], conversation.History.Select(m => m.Content));
    }

    [Fact]
    public async Task StreamedTurn_JoinsTheHistoryOnceTheStreamHasEnded()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Stream(ZhipuReplies.Chunk("土"), ZhipuReplies.Chunk("豆", "stop"), "[DONE]"));
        using var client = fake.CreateClient();
        var conversation = new ChatCompletionConversation(client.Chat, new ChatCompletionRequest("glm-4"));

        await foreach (var _ in conversation.StreamAsync("你好"))
        {
            Assert.Empty(conversation.History);
        }

        Assert.Equal([(ChatRole.User, "你好"), (ChatRole.Assistant, "土豆")], conversation.History.Select(m => (m.Role, m.Content)));
    }

    [Fact]
    public void Template_WithMoreThanASystemMessage_IsRefused()
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient();

        Assert.Throws<ArgumentException>(() => new ChatCompletionConversation(client.Chat, new ChatCompletionRequest("glm-4") { Messages = { ChatMessage.User("你好") } }));
    }
}
