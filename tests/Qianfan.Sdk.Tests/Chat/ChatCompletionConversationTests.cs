using System.Text.Json;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Chat;

/// <summary>
/// ChatCompletionConversation, V2's multi-turn chat: the history it keeps (system message first, reasoning left out,
/// tool calls kept with their results), what it sends, and that it clears the history when a choice says
/// <c>need_clear_history</c>, as V1's conversation does.
/// </summary>
public sealed class ChatCompletionConversationTests
{
    [Fact]
    public async Task Send_SendsTheSystemMessageAndHistory_AndRecordsEachTurnWithoutTheReasoning()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2InTurn(
            () => Responses.Json("""{"id":"as-1","choices":[{"index":0,"message":{"role":"assistant","content":"二","reasoning_content":"一加一"},"finish_reason":"stop"}]}"""),
            () => Responses.Json(Responses.CompletionJson("四")));
        using var client = fake.CreateV2Client();
        var conversation = new ChatCompletionConversation(client.ChatCompletions, new ChatCompletionRequest("ernie-x1.1") { Messages = { ChatMessage.System("你是老师") }, Temperature = 0.5f });

        await conversation.SendAsync("1+1?");
        await conversation.SendAsync("2+2?");

        Assert.Equal([ChatMessage.User("1+1?"), ChatMessage.Assistant("二"), ChatMessage.User("2+2?"), ChatMessage.Assistant("四")], conversation.History);
        Assert.Equal([("system", "你是老师"), ("user", "1+1?")], Messages(fake.V2Requests[0]));
        Assert.Equal([("system", "你是老师"), ("user", "1+1?"), ("assistant", "二"), ("user", "2+2?")], Messages(fake.V2Requests[1]));
        Assert.All(fake.V2Requests, r => Assert.Equal(0.5, r.Json.GetProperty("temperature").GetDouble(), 3));
        Assert.DoesNotContain("reasoning_content", fake.V2Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NeedClearHistoryOnAChoice_ClearsTheHistory_KeepingTheSystemMessage()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2InTurn(
            () => Responses.Json(Responses.CompletionJson("好")),
            () => Responses.Json("""{"id":"as-2","choices":[{"index":0,"message":{"role":"assistant","content":""},"finish_reason":"content_filter","need_clear_history":true,"ban_round":-1,"flag":1}]}"""),
            () => Responses.Json(Responses.CompletionJson("再来")));
        using var client = fake.CreateV2Client();
        var conversation = new ChatCompletionConversation(client.ChatCompletions, new ChatCompletionRequest("ernie-4.0-8k") { Messages = { ChatMessage.System("人设") } });

        await conversation.SendAsync("你好");
        var flagged = await conversation.SendAsync("不安全的问题");
        Assert.True(flagged.NeedClearHistory);
        Assert.Equal(-1, flagged.Choices[0].BanRound);
        Assert.Empty(conversation.History);
        await conversation.SendAsync("新的问题");

        Assert.Equal([("system", "人设"), ("user", "新的问题")], Messages(fake.V2Requests[2]));
    }

    [Fact]
    public async Task StreamedNeedClearHistory_ClearsTheHistoryOnceTheStreamEnds()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2InTurn(
            () => Responses.Json(Responses.CompletionJson("好")),
            () => Responses.EventStream("""data: {"id":"as-3","choices":[{"index":0,"delta":{"content":""},"finish_reason":"stop","need_clear_history":true,"ban_round":-1}]}""" + "\n\ndata: [DONE]\n\n"));
        using var client = fake.CreateV2Client();
        var conversation = new ChatCompletionConversation(client.ChatCompletions, new ChatCompletionRequest("ernie-4.0-8k"));

        await conversation.SendAsync("你好");
        var chunks = await conversation.StreamAsync("不安全的问题").ToListAsync();

        Assert.True(Assert.Single(chunks).Choices[0].NeedClearHistory);
        Assert.Empty(conversation.History);
    }

    [Fact]
    public async Task ToolCalls_AreKeptWithTheirResults_AndSentBackOnTheNextTurn()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2InTurn(
            () => Responses.Json("""{"id":"as-t","choices":[{"index":0,"message":{"role":"assistant","content":"","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"北京\"}"}}]},"finish_reason":"tool_calls"}]}"""),
            () => Responses.Json(Responses.CompletionJson("北京晴。")));
        using var client = fake.CreateV2Client();
        var conversation = new ChatCompletionConversation(client.ChatCompletions, new ChatCompletionRequest("ernie-4.0-8k") { Tools = { ChatTool.ForFunction("get_weather", "查天气") } });

        var call = Assert.Single((await conversation.SendAsync("北京天气")).ToolCalls);
        var answer = await conversation.SendAsync([ChatMessage.Tool(call.Id!, """{"weather":"晴"}""")]);

        Assert.Equal("北京晴。", answer.Content);
        var messages = fake.V2Requests[1].Json.GetProperty("messages");
        Assert.Equal(["user", "assistant", "tool"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("call_1", messages[1].GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal("call_1", messages[2].GetProperty("tool_call_id").GetString());
        Assert.Equal(4, conversation.History.Count);
    }

    [Fact]
    public async Task FailedOrCutTurns_LeaveTheHistoryUnchanged()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2InTurn(
            () => Responses.Json(Responses.CompletionJson("好")),
            () => Responses.Json("""{"error":{"code":"internal_error","message":"boom"}}""", System.Net.HttpStatusCode.InternalServerError),
            () => Responses.EventStream(Responses.V2Event("一半")));
        using var client = fake.CreateV2Client();
        var conversation = new ChatCompletionConversation(client.ChatCompletions, new ChatCompletionRequest("ernie-4.0-8k"));
        await conversation.SendAsync("你好");

        await Assert.ThrowsAsync<Errors.QianfanException>(() => conversation.SendAsync("出错"));
        await Assert.ThrowsAsync<Errors.QianfanStreamEndedException>(async () => await conversation.StreamAsync("断流").ToListAsync());

        Assert.Equal(2, conversation.History.Count);
    }

    [Fact]
    public void Template_WithMoreThanASystemMessageIsRejected()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateV2Client();

        var error = Assert.Throws<ArgumentException>(() => new ChatCompletionConversation(client.ChatCompletions, new ChatCompletionRequest("ernie-4.0-8k") { Messages = { ChatMessage.User("早") } }));

        Assert.Equal("template", error.ParamName);
    }

    private static List<(string?, string?)> Messages(RecordedRequest request) =>
        [.. request.Json.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").ValueKind == JsonValueKind.String ? m.GetProperty("content").GetString() : null))];
}
