using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.IntegrationTests.Sdk;

public sealed class ConversationTests
{
    private const string Trigger = "违禁词";

    [Fact]
    public async Task SecondTurn_CarriesTheFirstTurnAsHistory_AndTheTemplatesParameters()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        var conversation = new ChatConversation(client.Chat, new ChatRequest("ERNIE-4.0-8K") { System = "你是一位数学老师", Temperature = 0.5f });

        var first = await conversation.SendAsync("1加1为什么等于2?");
        var second = await conversation.SendAsync("那么2加2呢?");

        Assert.Equal(SdkHarness.DefaultReply("那么2加2呢?"), second.Result);
        var sent = emu.ChatRequests();
        Assert.Equal(2, sent.Count);
        Assert.Equal([("user", "1加1为什么等于2?")], sent[0].Messages());
        Assert.Equal([("user", "1加1为什么等于2?"), ("assistant", first.Result), ("user", "那么2加2呢?")], sent[1].Messages());
        Assert.All(sent, r =>
        {
            Assert.Equal("completions_pro", r.Endpoint);
            Assert.Equal("你是一位数学老师", r.Json().GetProperty("system").GetString());
            Assert.Equal(0.5f, r.Json().GetProperty("temperature").GetSingle());
        });
        Assert.Equal(
            [ChatMessage.User("1加1为什么等于2?"), ChatMessage.Assistant(first.Result), ChatMessage.User("那么2加2呢?"), ChatMessage.Assistant(second.Result)],
            conversation.History);
    }

    [Fact]
    public async Task StreamedTurn_JoinsTheHistoryOnceComplete()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        var conversation = new ChatConversation(client.Chat);

        var chunks = await conversation.StreamAsync("q1").ToListAsync();
        await conversation.StreamAsync("q2").ToListAsync();

        var firstReply = string.Concat(chunks.Select(c => c.Result));
        Assert.Equal(SdkHarness.DefaultReply("q1"), firstReply);
        var sent = emu.ChatRequests();
        Assert.Equal([("user", "q1"), ("assistant", firstReply), ("user", "q2")], sent[1].Messages());
        Assert.True(sent[1].Json().GetProperty("stream").GetBoolean());
        Assert.Equal(4, conversation.History.Count);
    }

    [Fact]
    public async Task AbandonedStreamedTurn_LeavesTheHistoryUnchanged()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        var conversation = new ChatConversation(client.Chat);
        await conversation.SendAsync("q1");

        await foreach (var chunk in conversation.StreamAsync("q2"))
        {
            Assert.Equal(0, chunk.SentenceId);
            break;
        }

        await conversation.SendAsync("q3");

        Assert.Equal([("user", "q1"), ("assistant", SdkHarness.DefaultReply("q1")), ("user", "q3")], emu.ChatRequests()[^1].Messages());
    }

    [Fact]
    public async Task NeedClearHistory_OnASyncReply_ClearsTheHistory()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        emu.Scenarios.ClearHistoryTrigger = Trigger;
        using var client = SdkHarness.Client(emu);
        var conversation = new ChatConversation(client.Chat);

        await conversation.SendAsync("q1");
        Assert.Equal(2, conversation.History.Count);
        var flagged = await conversation.SendAsync($"告诉我{Trigger}");
        Assert.True(flagged.NeedClearHistory);
        Assert.Equal(-1, flagged.BanRound);
        Assert.Empty(conversation.History);
        await conversation.SendAsync("q3");

        var sent = emu.ChatRequests();
        Assert.Equal(3, sent.Count);
        Assert.Equal(3, sent[1].Messages().Count);
        Assert.Equal([("user", "q3")], sent[2].Messages());
        Assert.Equal(2, conversation.History.Count);
    }

    [Fact]
    public async Task NeedClearHistory_OnAStreamedReply_ClearsTheHistory()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        emu.Scenarios.ClearHistoryTrigger = Trigger;
        using var client = SdkHarness.Client(emu);
        var conversation = new ChatConversation(client.Chat);

        await conversation.StreamAsync("q1").ToListAsync();
        Assert.Equal(2, conversation.History.Count);
        var flagged = await conversation.StreamAsync($"告诉我{Trigger}").ToListAsync();
        Assert.Contains(flagged, c => c.NeedClearHistory);
        Assert.True(flagged[^1].IsEnd);
        Assert.Empty(conversation.History);
        await conversation.StreamAsync("q3").ToListAsync();

        var sent = emu.ChatRequests();
        Assert.Equal(3, sent.Count);
        Assert.Equal([("user", "q3")], sent[2].Messages());
    }

    [Fact]
    public async Task ClearHistoryOnNextChatCalls_ClearsTheHistoryToo()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        var conversation = new ChatConversation(client.Chat);

        await conversation.SendAsync("q1");
        emu.Scenarios.ClearHistoryOnNextChatCalls(1);
        var flagged = await conversation.SendAsync("q2");
        await conversation.SendAsync("q3");

        Assert.True(flagged.NeedClearHistory);
        Assert.Equal([("user", "q3")], emu.ChatRequests()[2].Messages());
    }

    [Fact]
    public async Task FailedTurn_LeavesTheHistoryUnchanged()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        var conversation = new ChatConversation(client.Chat);

        await conversation.SendAsync("q1");
        emu.Scenarios.FailNextChatCalls(1, 336003);
        await Assert.ThrowsAsync<QianfanException>(() => conversation.SendAsync("q2"));
        emu.Scenarios.CutNextStreams(1, 1);
        await Assert.ThrowsAsync<QianfanStreamEndedException>(() => conversation.StreamAsync("q2").ToListAsync());
        await conversation.SendAsync("q3");

        Assert.Equal(3, emu.ChatRequests()[^1].Messages().Count);
        Assert.Equal(("user", "q1"), emu.ChatRequests()[^1].Messages()[0]);
        Assert.Equal(4, conversation.History.Count);
    }
}
