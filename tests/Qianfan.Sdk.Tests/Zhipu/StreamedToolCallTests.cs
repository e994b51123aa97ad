using Qianfan.Sdk.Tests.TestSupport;
using Qianfan.Sdk.Zhipu;
using Qianfan.Sdk.Zhipu.Chat;

namespace Qianfan.Sdk.Tests.Zhipu;

/// <summary>
/// Tool calls in a stream: whole in one piece (as most models send them) or, with <c>tool_stream</c>, as fragments —
/// the id and name once, the arguments in pieces keyed by <c>index</c> — assembled into the calls the sync reply has.
/// </summary>
public sealed class StreamedToolCallTests
{
    [Fact]
    public async Task ToolCallsInFragments_AreAssembledByIndex()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Stream(
            Piece("""{"role":"assistant","tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]}"""),
            Piece("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}"""),
            Piece("""{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_time","arguments":"{}"}}]}"""),
            Piece("""{"tool_calls":[{"index":0,"function":{"arguments":"\"北京\"}"}}]}"""),
            Piece("""{}""", "tool_calls"),
            "[DONE]"));
        using var client = fake.CreateClient();

        var reply = await client.Chat.StreamAsync(Ask()).ToCompletionAsync();

        Assert.Equal("tool_calls", reply.FinishReason);
        Assert.Collection(
            reply.ToolCalls,
            a =>
            {
                Assert.Equal("call_a", a.Id);
                Assert.Equal("get_weather", a.Function!.Name);
                Assert.Equal("""{"city":"北京"}""", a.Function.Arguments);
            },
            b =>
            {
                Assert.Equal("call_b", b.Id);
                Assert.Equal("get_time", b.Function!.Name);
                Assert.Equal("{}", b.Function.Arguments);
            });
    }

    [Fact]
    public async Task WholeToolCallsWithoutIndex_AreEachACallOfTheirOwn()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Stream(
            Piece("""{"role":"assistant","tool_calls":[{"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"北京\"}"}}]}"""),
            Piece("""{"tool_calls":[{"id":"call_b","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"上海\"}"}}]}"""),
            Piece("""{}""", "tool_calls"),
            "[DONE]"));
        using var client = fake.CreateClient();

        var reply = await client.Chat.StreamAsync(Ask()).ToCompletionAsync();

        Assert.Equal(["call_a", "call_b"], reply.ToolCalls.Select(c => c.Id));
        Assert.Equal(["""{"city":"北京"}""", """{"city":"上海"}"""], reply.ToolCalls.Select(c => c.Function!.Arguments));
    }

    [Fact]
    public async Task Conversation_RecordsAStreamedToolCallAndSendsItBackWhole()
    {
        using var fake = new FakeZhipu();
        fake.RespondInTurn(
            () => ZhipuReplies.Stream(
                Piece("""{"role":"assistant","tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"ci"}}]}"""),
                Piece("""{"tool_calls":[{"index":0,"function":{"arguments":"ty\":\"北京\"}"}}]}""", "tool_calls"),
                "[DONE]"),
            () => ZhipuReplies.Json(ZhipuReplies.Completion("北京晴")));
        using var client = fake.CreateClient();
        var conversation = new ChatCompletionConversation(client.Chat, new ChatCompletionRequest("glm-4.6") { ToolStream = true });

        var first = await conversation.StreamAsync("北京天气").ToCompletionAsync();
        var second = await conversation.SendAsync([ChatMessage.Tool(first.ToolCalls[0].Id!, "晴, 25℃")]);

        Assert.Equal("北京晴", second.Content);
        var messages = fake.Requests[1].Json.GetProperty("messages");
        Assert.Equal(
            """{"role":"assistant","tool_calls":[{"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"北京\"}"}}]}""",
            messages[1].GetRawText());
        Assert.Equal("""{"role":"tool","tool_call_id":"call_a","content":"晴, 25℃"}""", messages[2].GetRawText());
        Assert.Equal(4, conversation.History.Count);
    }

    private static ChatCompletionRequest Ask() => new("glm-4.6") { Messages = { ChatMessage.User("北京天气") }, ToolStream = true };

    private static string Piece(string delta, string? finishReason = null) =>
        "{\"id\":\"s\",\"created\":1,\"model\":\"glm-4.6\",\"choices\":[{\"index\":0,\"delta\":" + delta + (finishReason is null ? "" : ",\"finish_reason\":\"" + finishReason + "\"") + "}]}";
}
