using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Chat;

/// <summary>ChatConversation: the history it keeps, sends, clears and leaves alone.</summary>
public sealed class ChatConversationTests
{
    [Fact]
    public async Task Send_HistoryGrowsByUserAndAssistantPerTurn()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChatInTurn(() => Responses.Reply("answer 1"), () => Responses.Reply("answer 2"));
        using var client = fake.CreateClient();
        var conversation = new ChatConversation(client.Chat);

        await conversation.SendAsync("question 1");
        await conversation.SendAsync("question 2");

        Assert.Equal(
            [ChatMessage.User("question 1"), ChatMessage.Assistant("answer 1"), ChatMessage.User("question 2"), ChatMessage.Assistant("answer 2")],
            conversation.History);
    }

    [Fact]
    public async Task Send_PostsTheHistoryWithTheNewQuestion()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChatInTurn(() => Responses.Reply("answer 1"), () => Responses.Reply("answer 2"));
        using var client = fake.CreateClient();
        var conversation = new ChatConversation(client.Chat);

        await conversation.SendAsync("question 1");
        await conversation.SendAsync("question 2");

        Assert.Equal([("user", "question 1")], Messages(fake.ChatRequests[0]));
        Assert.Equal([("user", "question 1"), ("assistant", "answer 1"), ("user", "question 2")], Messages(fake.ChatRequests[1]));
    }

    [Fact]
    public async Task Send_NeedClearHistoryClearsTheHistory()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChatInTurn(
            () => Responses.Reply("answer 1"),
            () => Responses.Reply("I cannot talk about that", needClearHistory: true),
            () => Responses.Reply("answer 3"));
        using var client = fake.CreateClient();
        var conversation = new ChatConversation(client.Chat);

        await conversation.SendAsync("question 1");
        var flagged = await conversation.SendAsync("unsafe question");
        Assert.True(flagged.NeedClearHistory);
        Assert.Empty(conversation.History);
        await conversation.SendAsync("question 3");

        Assert.Equal([("user", "question 3")], Messages(fake.ChatRequests[2]));
    }

    [Fact]
    public async Task Send_FailedCallLeavesTheHistoryUnchanged()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChatInTurn(() => Responses.Reply("answer 1"), () => Responses.Error(336100, "busy"), () => Responses.Reply("answer 3"));
        using var client = fake.CreateClient();
        var conversation = new ChatConversation(client.Chat);
        await conversation.SendAsync("question 1");
        var before = conversation.History.ToArray();

        await Assert.ThrowsAsync<QianfanException>(() => conversation.SendAsync("question 2"));

        Assert.Equal(before, conversation.History);
        await conversation.SendAsync("question 2 again");
        Assert.Equal([("user", "question 1"), ("assistant", "answer 1"), ("user", "question 2 again")], Messages(fake.ChatRequests[2]));
    }

    [Fact]
    public async Task Send_ValidationFailureLeavesTheHistoryUnchangedAndSendsNothing()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var conversation = new ChatConversation(client.Chat, new ChatRequest("ERNIE-Speed-8K"));

        await Assert.ThrowsAsync<QianfanValidationException>(() => conversation.SendAsync(new string('a', 24_001)));

        Assert.Empty(conversation.History);
        Assert.Empty(fake.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public async Task Send_EmptyMessageIsRejectedBeforeSending_WithTheSameErrorEverywhere(string? message)
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient(credentials: c => c.V2ApiKey = FakeQianfan.V2ApiKey);
        var conversation = new ChatConversation(client.Chat);
        var v2Conversation = new ChatCompletionConversation(client.ChatCompletions, new ChatCompletionRequest("ernie-4.0-8k"));

        QianfanValidationException[] errors =
        [
            await Assert.ThrowsAsync<QianfanValidationException>(() => conversation.SendAsync(message!)),
            Assert.Throws<QianfanValidationException>(() => conversation.StreamAsync(message!)),
            await Assert.ThrowsAsync<QianfanValidationException>(() => v2Conversation.SendAsync(message!)),
            Assert.Throws<QianfanValidationException>(() => v2Conversation.StreamAsync(message!)),
            await Assert.ThrowsAsync<QianfanValidationException>(() => client.Chat.CompleteAsync(new ChatRequest { Messages = { ChatMessage.User(message!) } })),
            await Assert.ThrowsAsync<QianfanValidationException>(() => client.ChatCompletions.CompleteAsync(new ChatCompletionRequest("ernie-4.0-8k") { Messages = { ChatMessage.User(message!) } })),
        ];

        Assert.All(errors, e =>
        {
            Assert.Equal("messages[0].content", e.ParamName);
            Assert.Equal("messages[0].content must not be empty", e.Message);
        });
        Assert.Empty(conversation.History);
        Assert.Empty(v2Conversation.History);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Send_EmptyReplyIsNotKeptSoTheNextTurnStaysValid()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChatInTurn(() => Responses.Reply(""), () => Responses.Reply("answer"));
        using var client = fake.CreateClient();
        var conversation = new ChatConversation(client.Chat);

        await conversation.SendAsync("question 1");
        await conversation.SendAsync("question 2");

        Assert.Equal([("user", "question 2")], Messages(fake.ChatRequests[1]));
    }

    [Fact]
    public async Task Stream_TurnJoinsHistoryOnlyAfterIsEnd()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(Responses.Event(0, "你好") + Responses.Event(1, ",世界", isEnd: true)));
        using var client = fake.CreateClient();
        var conversation = new ChatConversation(client.Chat);
        var historyWhileStreaming = new List<int>();

        await foreach (var chunk in conversation.StreamAsync("打个招呼"))
        {
            historyWhileStreaming.Add(conversation.History.Count);
        }

        Assert.Equal([0, 2], historyWhileStreaming);
        Assert.Equal([ChatMessage.User("打个招呼"), ChatMessage.Assistant("你好,世界")], conversation.History);
    }

    [Fact]
    public async Task Stream_NextTurnSendsTheStreamedReply()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChatInTurn(
            () => Responses.EventStream(Responses.Event(0, "a") + Responses.Event(1, "b", isEnd: true)),
            () => Responses.Reply("c"));
        using var client = fake.CreateClient();
        var conversation = new ChatConversation(client.Chat);

        await foreach (var _ in conversation.StreamAsync("q1"))
        {
        }

        await conversation.SendAsync("q2");

        Assert.Equal([("user", "q1"), ("assistant", "ab"), ("user", "q2")], Messages(fake.ChatRequests[1]));
        Assert.True(fake.ChatRequests[0].Json.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task Stream_CutBeforeIsEndLeavesTheHistoryUnchanged()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(Responses.Event(0, "partial")));
        using var client = fake.CreateClient();
        var conversation = new ChatConversation(client.Chat);

        await Assert.ThrowsAsync<QianfanStreamEndedException>(async () =>
        {
            await foreach (var _ in conversation.StreamAsync("q"))
            {
            }
        });

        Assert.Empty(conversation.History);
    }

    [Fact]
    public async Task Stream_AbandonedBeforeIsEndLeavesTheHistoryUnchanged()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(Responses.Event(0, "a") + Responses.Event(1, "b", isEnd: true)));
        using var client = fake.CreateClient();
        var conversation = new ChatConversation(client.Chat);

        await foreach (var _ in conversation.StreamAsync("q"))
        {
            break;
        }

        Assert.Empty(conversation.History);
    }

    [Fact]
    public async Task Stream_NeedClearHistoryOnAnyChunkClearsTheHistory()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChatInTurn(
            () => Responses.Reply("answer 1"),
            () => Responses.EventStream(Responses.Event(0, "no", needClearHistory: true) + Responses.Event(1, ".", isEnd: true)));
        using var client = fake.CreateClient();
        var conversation = new ChatConversation(client.Chat);
        await conversation.SendAsync("question 1");

        await foreach (var _ in conversation.StreamAsync("unsafe"))
        {
        }

        Assert.Empty(conversation.History);
    }

    [Fact]
    public void Stream_ValidatesAtCallTime()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var conversation = new ChatConversation(client.Chat, new ChatRequest("ERNIE-Speed-8K") { Temperature = 0 });

        Assert.Throws<QianfanValidationException>(() => conversation.StreamAsync("hi"));
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Template_ModelAndParametersAreCarriedOnEveryTurn()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var template = new ChatRequest(ModelSpec.ForCustomEndpoint("my_service"))
        {
            System = "你是一个助手",
            Temperature = 0.3f,
            TopP = 0.6f,
            TopK = 8,
            PenaltyScore = 1.1f,
            MaxOutputTokens = 300,
            FrequencyPenalty = 0.2f,
            PresencePenalty = 0.4f,
            UserId = "user-7",
        };
        template.Stop.Add("END");
        var conversation = new ChatConversation(client.Chat, template);

        await conversation.SendAsync("q1");
        await conversation.SendAsync("q2");

        Assert.Equal(2, fake.ChatRequests.Count);
        Assert.All(fake.ChatRequests, sent =>
        {
            Assert.EndsWith("/chat/my_service", sent.Path, StringComparison.Ordinal);
            var json = sent.Json;
            Assert.Equal("你是一个助手", json.GetProperty("system").GetString());
            Assert.Equal("0.3", json.GetProperty("temperature").GetRawText());
            Assert.Equal("0.6", json.GetProperty("top_p").GetRawText());
            Assert.Equal(8, json.GetProperty("top_k").GetInt32());
            Assert.Equal("1.1", json.GetProperty("penalty_score").GetRawText());
            Assert.Equal(300, json.GetProperty("max_output_tokens").GetInt32());
            Assert.Equal("0.2", json.GetProperty("frequency_penalty").GetRawText());
            Assert.Equal("0.4", json.GetProperty("presence_penalty").GetRawText());
            Assert.Equal("user-7", json.GetProperty("user_id").GetString());
            Assert.Equal("END", Assert.Single(json.GetProperty("stop").EnumerateArray()).GetString());
        });
        Assert.Empty(template.Messages);
    }

    [Fact]
    public async Task Template_ModelNameIsCarried()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var conversation = new ChatConversation(client.Chat, new ChatRequest("ERNIE-4.0-8K"));

        await conversation.SendAsync("q1");

        Assert.EndsWith("/chat/completions_pro", Assert.Single(fake.ChatRequests).Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_NoneUsesTheDefaultModelAndServiceDefaults()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var conversation = new ChatConversation(client.Chat);

        await conversation.SendAsync("q1");

        var sent = Assert.Single(fake.ChatRequests);
        Assert.EndsWith("/chat/ernie-lite-8k", sent.Path, StringComparison.Ordinal);
        Assert.Equal(["messages"], sent.JsonKeys);
    }

    [Fact]
    public void Template_WithMessagesIsRejected()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var template = new ChatRequest("ERNIE-Speed-8K");
        template.Messages.Add(ChatMessage.User("hi"));

        var ex = Assert.Throws<ArgumentException>(() => new ChatConversation(client.Chat, template));

        Assert.Equal("template", ex.ParamName);
    }

    [Fact]
    public async Task Clear_ForgetsEveryTurn()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var conversation = new ChatConversation(client.Chat);
        await conversation.SendAsync("q1");

        conversation.Clear();
        await conversation.SendAsync("q2");

        Assert.Equal([("user", "q2")], Messages(fake.ChatRequests[1]));
    }

    private static (string?, string?)[] Messages(RecordedRequest request) =>
        [.. request.Json.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString()))];
}
