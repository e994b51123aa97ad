using System.Net;
using System.Text.Json;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Protocol;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Chat;

/// <summary>
/// V1 streamed replies as they come back: each chunk's fields, <c>is_end</c>, error events and error bodies as
/// <see cref="QianfanException"/>s, every chunk's HTTP answer and request id. How streams are read is the pipeline's
/// (Pipeline/EventStreamTests).
/// </summary>
public sealed class ChatStreamTests
{
    [Fact]
    public async Task Stream_YieldsChunksInOrderWithTheirFields()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(
            Responses.Event(0, "你好", completionTokens: 1) +
            Responses.Event(1, ",我是", completionTokens: 2) +
            """data: {"id":"as-stream","object":"chat.completion","created":1702551869,"sentence_id":2,"is_end":true,"is_truncated":true,"result":"文心一言","finish_reason":"length","need_clear_history":true,"ban_round":-1,"flag":2,"usage":{"prompt_tokens":5,"completion_tokens":9,"total_tokens":14}}""" + "\n\n",
            ("X-Baidu-Request-Id", "req-stream")));
        using var client = fake.CreateClient();

        var chunks = await ReadAllAsync(client.Chat.StreamAsync(Ask()));

        Assert.Equal([0, 1, 2], chunks.Select(c => c.SentenceId).ToArray());
        Assert.Equal("你好,我是文心一言", string.Concat(chunks.Select(c => c.Result)));
        Assert.Equal([false, false, true], chunks.Select(c => c.IsEnd).ToArray());
        Assert.All(chunks, c => Assert.Equal("as-stream", c.Id));
        Assert.All(chunks, c => Assert.Equal("chat.completion", c.ObjectType));
        var last = chunks[^1];
        Assert.Equal(1702551869, last.Created);
        Assert.True(last.IsTruncated);
        Assert.Equal("length", last.FinishReason);
        Assert.True(last.NeedClearHistory);
        Assert.Equal(-1, last.BanRound);
        Assert.Equal(2, last.Flag);
        Assert.Equal(new TokenUsage { PromptTokens = 5, CompletionTokens = 9, TotalTokens = 14 }, last.Usage);
        Assert.Equal(new TokenUsage { PromptTokens = 5, CompletionTokens = 1, TotalTokens = 6 }, chunks[0].Usage);
        Assert.False(chunks[0].NeedClearHistory);
        Assert.Null(chunks[0].BanRound);
    }

    [Fact]
    public async Task Stream_EveryChunkCarriesTheHttpAnswerWithTheRequestIdHeader()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(
            Responses.Event(0, "a") + Responses.Event(1, "b") + Responses.Event(2, "c", isEnd: true),
            ("X-Baidu-Request-Id", "req-stream"),
            ("X-Ratelimit-Remaining-Requests", "41")));
        using var client = fake.CreateClient();

        var chunks = await ReadAllAsync(client.Chat.StreamAsync(Ask()));

        Assert.Equal(3, chunks.Count);
        Assert.All(chunks, c =>
        {
            Assert.Equal(HttpStatusCode.OK, c.Response!.StatusCode);
            Assert.Equal("req-stream", c.Response.RequestId);
            Assert.Equal("req-stream", c.RequestId);
            Assert.Equal("41", c.Response.GetHeader("X-Ratelimit-Remaining-Requests"));
        });
    }

    [Fact]
    public async Task Stream_WithoutTheRequestIdHeaderEveryChunksRequestIdIsTheBodysId()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(Responses.Event(0, "a") + Responses.Event(1, "b", isEnd: true)));
        using var client = fake.CreateClient();

        var chunks = await ReadAllAsync(client.Chat.StreamAsync(Ask()));

        Assert.All(chunks, c => Assert.Equal("as-stream", c.RequestId));
        Assert.All(chunks, c => Assert.NotNull(c.Response));
    }

    [Fact]
    public async Task Stream_UnknownChunkFieldsAreKeptInAdditionalProperties()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(
            """data: {"id":"as-1","sentence_id":0,"is_end":true,"result":"ok","plugin_info":{"results":[{"index":1}]},"new_flag":7}""" + "\n\n"));
        using var client = fake.CreateClient();

        var chunk = Assert.Single(await ReadAllAsync(client.Chat.StreamAsync(Ask())));

        Assert.Equal(["new_flag", "plugin_info"], chunk.AdditionalProperties!.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(7, chunk.AdditionalProperties["new_flag"].GetInt32());
        Assert.Equal(1, chunk.AdditionalProperties["plugin_info"].GetProperty("results")[0].GetProperty("index").GetInt32());
    }

    [Fact]
    public async Task Stream_IgnoresEventsWithAnEmptyDataField()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream("data:  \n\n" + Responses.Event(0, "a", isEnd: true)));
        using var client = fake.CreateClient();

        var chunks = await ReadAllAsync(client.Chat.StreamAsync(Ask()));

        Assert.Equal("a", Assert.Single(chunks).Result);
    }

    [Fact]
    public async Task Stream_ThrowsWhenConnectionEndsBeforeIsEnd()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(Responses.Event(0, "a") + Responses.Event(1, "b"), ("X-Baidu-Request-Id", "req-cut")));
        using var client = fake.CreateClient();
        var received = new List<ChatChunk>();

        var ex = await Assert.ThrowsAsync<QianfanStreamEndedException>(async () =>
        {
            await foreach (var chunk in client.Chat.StreamAsync(Ask()))
            {
                received.Add(chunk);
            }
        });

        Assert.Equal(["a", "b"], received.Select(c => c.Result).ToArray());
        Assert.Equal(2, ex.ChunksReceived);
        Assert.Equal("req-cut", ex.RequestId);
        Assert.False(ex.IsRetryable);
        Assert.Contains("(is_end or [DONE]) after 2 chunk(s)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ErrorBodyAtStartThrowsBeforeAnyChunk()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Error(336501, "Rate limit reached for RPM", requestId: "req-rpm"));
        using var client = fake.CreateClient();
        var received = 0;

        var ex = await Assert.ThrowsAsync<QianfanException>(async () =>
        {
            await foreach (var _ in client.Chat.StreamAsync(Ask()))
            {
                received++;
            }
        });

        Assert.Equal(0, received);
        Assert.Equal(336501, ex.ErrorCode);
        Assert.Equal("Rate limit reached for RPM", ex.ErrorMessage);
        Assert.Equal("req-rpm", ex.RequestId);
        Assert.True(ex.IsRetryable);
        Assert.Single(fake.ChatRequests);
    }

    [Fact]
    public async Task Stream_ErrorEventMidStreamThrowsAfterTheEarlierChunks()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(
            Responses.Event(0, "a") +
            """data: {"error_code":336100,"error_msg":"system is busy, please try again later"}""" + "\n\n" +
            Responses.Event(1, "never", isEnd: true),
            ("X-Baidu-Request-Id", "req-mid")));
        using var client = fake.CreateClient();
        var received = new List<ChatChunk>();

        var ex = await Assert.ThrowsAsync<QianfanException>(async () =>
        {
            await foreach (var chunk in client.Chat.StreamAsync(Ask()))
            {
                received.Add(chunk);
            }
        });

        Assert.Equal("a", Assert.Single(received).Result);
        Assert.Equal(336100, ex.ErrorCode);
        Assert.Equal("system is busy, please try again later", ex.ErrorMessage);
        Assert.True(ex.IsRetryable);
        Assert.Equal("req-mid", ex.RequestId);
        Assert.IsNotType<QianfanStreamEndedException>(ex);
    }

    [Theory]
    [InlineData("""{"error_code":"18","error_msg":"qps limit"}""", 18, "qps limit")]
    [InlineData("""{"error_code":336100.0,"error_msg":"busy"}""", 336100, "busy")]
    [InlineData("""{"error_code":336003,"error_msg":42,"sentence_id":"not a number"}""", 336003, "42")]
    [InlineData("""{"error_msg":"stopped without a code"}""", null, "stopped without a code")]
    [InlineData("""{"error":{"code":"internal_error","message":"V2's shape"}}""", null, "V2's shape")]
    [InlineData("""{"error":true}""", null, "true")]
    [InlineData("""{"code":"AccessDenied","message":"BCE's shape","requestId":"r-1"}""", null, "BCE's shape")]
    public async Task Stream_ErrorEventOfAnyShapeIsDecodedWithItsCode(string errorEvent, int? code, string message)
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(Responses.Event(0, "a") + "data: " + errorEvent + "\n\n"));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => ReadAllAsync(client.Chat.StreamAsync(Ask())));

        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(message, ex.ErrorMessage);
        Assert.IsNotType<QianfanStreamEndedException>(ex);
    }

    [Fact]
    public async Task Stream_APieceWithoutAResult_ReadsAsEmpty_LikeAUsageOnlyLastPiece()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(
            Responses.Event(0, "好")
            + """data: {"id":"as-1","sentence_id":1,"is_end":false,"result":null}""" + "\n\n"
            + """data: {"is_end":true,"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""" + "\n\n"));
        using var client = fake.CreateClient();

        var chunks = await ReadAllAsync(client.Chat.StreamAsync(Ask()));

        Assert.Equal(["好", "", ""], chunks.Select(c => c.Result));
        Assert.True(chunks[^1].IsEnd);
        Assert.Equal(2, chunks[^1].Usage!.TotalTokens);
    }

    [Fact]
    public async Task Reply_WithoutAResult_ReadsAsEmpty()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Json("""{"id":"as-1","usage":{"prompt_tokens":1,"completion_tokens":0,"total_tokens":1}}"""));
        using var client = fake.CreateClient();

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal("", reply.Result);
        Assert.Null(reply.FunctionCall);
    }

    [Fact]
    public async Task Stream_EventWithANullErrorCodeIsAChunk_AndChunksSerializeWithoutTheErrorField()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(
            """data: {"id":"as-1","object":"chat.completion","sentence_id":0,"is_end":true,"result":"ok","error_code":null}""" + "\n\n"));
        using var client = fake.CreateClient();

        var chunk = Assert.Single(await ReadAllAsync(client.Chat.StreamAsync(Ask())));

        Assert.Equal("ok", chunk.Result);
        Assert.DoesNotContain("error", JsonSerializer.Serialize(chunk), StringComparison.Ordinal);
        Assert.DoesNotContain("error", JsonSerializer.Serialize(new ChatCompletionChunk()), StringComparison.Ordinal);
    }

    private static ChatRequest Ask()
    {
        var request = new ChatRequest("ERNIE-Speed-8K");
        request.Messages.Add(ChatMessage.User("hi"));
        return request;
    }

    private static async Task<List<ChatChunk>> ReadAllAsync(IAsyncEnumerable<ChatChunk> chunks)
    {
        var list = new List<ChatChunk>();
        await foreach (var chunk in chunks)
        {
            list.Add(chunk);
        }

        return list;
    }
}
