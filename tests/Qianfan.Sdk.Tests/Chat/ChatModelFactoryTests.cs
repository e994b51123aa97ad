using System.Net;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Tests.Chat;

/// <summary>
/// ChatModelFactory builds results as the SDK returns them, their HTTP answer included, so an application's own tests
/// can have a substituted client answer with them.
/// </summary>
public sealed class ChatModelFactoryTests
{
    private static readonly ServiceResponse Answer = new(HttpStatusCode.OK, null, "req-factory");

    [Fact]
    public void ChatResponse_HasItsFieldsAndResponse()
    {
        var usage = new TokenUsage { PromptTokens = 1, CompletionTokens = 2, TotalTokens = 3 };

        var reply = ChatModelFactory.ChatResponse("你好", id: "as-1", usage: usage, finishReason: "normal", needClearHistory: true, response: Answer);

        Assert.Equal("你好", reply.Result);
        Assert.Equal("as-1", reply.Id);
        Assert.Equal(usage, reply.Usage);
        Assert.Equal("normal", reply.FinishReason);
        Assert.True(reply.NeedClearHistory);
        Assert.Same(Answer, reply.Response);
        Assert.Equal("req-factory", reply.RequestId);
        Assert.Null(reply.RateLimit);
    }

    [Fact]
    public void ChatChunk_HasItsFieldsAndResponse()
    {
        var chunk = ChatModelFactory.ChatChunk("a", isEnd: true, sentenceId: 2, id: "as-1", response: Answer);

        Assert.Equal("a", chunk.Result);
        Assert.True(chunk.IsEnd);
        Assert.Equal(2, chunk.SentenceId);
        Assert.Equal("as-1", chunk.Id);
        Assert.Equal("req-factory", chunk.RequestId);
    }

    [Fact]
    public void ChatCompletion_HasOneAnswerAndResponse()
    {
        var call = new ChatToolCall { Id = "call-1", Function = new ChatFunctionCall { Name = "weather", Arguments = "{}" } };

        var reply = ChatModelFactory.ChatCompletion("好", id: "as-2", model: "ernie-4.0-8k", toolCalls: [call], response: Answer);

        Assert.Equal("好", reply.Content);
        Assert.Equal("stop", reply.FinishReason);
        Assert.Equal("ernie-4.0-8k", reply.Model);
        Assert.Equal(ChatRole.Assistant, reply.Choices[0].Message!.Role);
        Assert.Same(call, Assert.Single(reply.Choices[0].Message!.ToolCalls!));
        Assert.Equal("req-factory", reply.RequestId);
    }

    [Fact]
    public void ChatCompletionChunk_IsATextDeltaOrAUsageOnlyTail()
    {
        var usage = new TokenUsage { PromptTokens = 1, CompletionTokens = 2, TotalTokens = 3 };

        var delta = ChatModelFactory.ChatCompletionChunk("一", id: "as-3", response: Answer);
        var tail = ChatModelFactory.ChatCompletionChunk(usage: usage, hasChoice: false, response: Answer);

        Assert.Equal("一", delta.ContentDelta);
        Assert.Equal("req-factory", delta.RequestId);
        Assert.Empty(tail.Choices);
        Assert.Equal("", tail.ContentDelta);
        Assert.Equal(usage, tail.Usage);
        Assert.Same(Answer, tail.Response);
    }

    [Fact]
    public void Results_BuiltWithoutAResponseHaveNone()
    {
        Assert.Null(ChatModelFactory.ChatResponse("x").Response);
        Assert.Null(ChatModelFactory.ChatCompletion("x").RequestId);
    }
}
