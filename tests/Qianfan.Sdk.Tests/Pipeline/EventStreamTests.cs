using System.Net;
using System.Text;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>Streamed replies: event parsing, the is_end contract, errors, cancellation and back-pressure.</summary>
public sealed class StreamingTests
{
    private static readonly TimeSpan Patience = TaskGuards.Patience;

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
        Assert.Equal(new ChatUsage { PromptTokens = 5, CompletionTokens = 9, TotalTokens = 14 }, last.Usage);
        Assert.Equal(new ChatUsage { PromptTokens = 5, CompletionTokens = 1, TotalTokens = 6 }, chunks[0].Usage);
        Assert.False(chunks[0].NeedClearHistory);
        Assert.Null(chunks[0].BanRound);
    }

    [Fact]
    public async Task Stream_StopsAtIsEndAndIgnoresAnythingAfter()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(
            Responses.Event(0, "a") +
            Responses.Event(1, "b", isEnd: true) +
            Responses.Event(2, "after the end") +
            "data: {this is not json}\n\n" +
            """data: {"error_code":336100,"error_msg":"late"}""" + "\n\n"));
        using var client = fake.CreateClient();

        var chunks = await ReadAllAsync(client.Chat.StreamAsync(Ask()));

        Assert.Equal(["a", "b"], chunks.Select(c => c.Result).ToArray());
    }

    [Fact]
    public async Task Stream_EndsAtIsEndWithoutWaitingForTheConnectionToClose()
    {
        using var fake = new FakeQianfan();
        var body = new PushStream();
        fake.RespondToChat(() => Responses.EventStream(body));
        using var client = fake.CreateClient();
        body.Push(Responses.Event(0, "a") + Responses.Event(1, "b", isEnd: true)); // and the server keeps the connection open

        var chunks = await ReadAllAsync(client.Chat.StreamAsync(Ask())).OrHang();

        Assert.Equal(2, chunks.Count);
        Assert.True(body.IsDisposed);
    }

    [Fact]
    public async Task Stream_HandlesCrLfLineEnds()
    {
        using var fake = new FakeQianfan();
        var text = (Responses.Event(0, "a") + Responses.Event(1, "b", isEnd: true)).Replace("\n", "\r\n", StringComparison.Ordinal);
        fake.RespondToChat(() => Responses.EventStream(text));
        using var client = fake.CreateClient();

        var chunks = await ReadAllAsync(client.Chat.StreamAsync(Ask()));

        Assert.Equal(["a", "b"], chunks.Select(c => c.Result).ToArray());
    }

    [Fact]
    public async Task Stream_HandlesCrLfSplitBetweenReads()
    {
        using var fake = new FakeQianfan();
        var text = (": comment\n" + Responses.Event(0, "中文") + Responses.Event(1, "b", isEnd: true)).Replace("\n", "\r\n", StringComparison.Ordinal);
        fake.RespondToChat(() => Responses.EventStream(new PieceStream(text, 1)));
        using var client = fake.CreateClient();

        var chunks = await ReadAllAsync(client.Chat.StreamAsync(Ask()));

        Assert.Equal(["中文", "b"], chunks.Select(c => c.Result).ToArray());
    }

    [Fact]
    public async Task Stream_IgnoresCommentLinesAndExtraBlankLines()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(
            ": keep-alive\n\n\n\n" +
            Responses.Event(0, "a") +
            "\n\n:another comment\n" +
            "event: message\n" +
            Responses.Event(1, "b", isEnd: true)));
        using var client = fake.CreateClient();

        var chunks = await ReadAllAsync(client.Chat.StreamAsync(Ask()));

        Assert.Equal(["a", "b"], chunks.Select(c => c.Result).ToArray());
    }

    [Fact]
    public async Task Stream_IgnoresEventsWithAnEmptyDataField()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream("data: \n\n" + Responses.Event(0, "a", isEnd: true)));
        using var client = fake.CreateClient();

        var chunks = await ReadAllAsync(client.Chat.StreamAsync(Ask()));

        Assert.Equal("a", Assert.Single(chunks).Result);
    }

    [Fact]
    public async Task Stream_ReassemblesEventsSplitAcrossReads()
    {
        using var fake = new FakeQianfan();
        var text = Responses.Event(0, "first") + Responses.Event(1, "second") + Responses.Event(2, "third", isEnd: true);
        var body = new PieceStream(text, 1, 2, 3);
        fake.RespondToChat(() => Responses.EventStream(body));
        using var client = fake.CreateClient();

        var chunks = await ReadAllAsync(client.Chat.StreamAsync(Ask()));

        Assert.Equal(["first", "second", "third"], chunks.Select(c => c.Result).ToArray());
        Assert.True(body.Reads > text.Length / 3, "the body really was read in small pieces");
    }

    [Fact]
    public async Task Stream_ReassemblesAChineseCharacterSplitAcrossReads()
    {
        using var fake = new FakeQianfan();
        var body = new PushStream();
        fake.RespondToChat(() => Responses.EventStream(body));
        using var client = fake.CreateClient();
        var bytes = Encoding.UTF8.GetBytes(Responses.Event(0, "你好世界", isEnd: true));
        var split = Array.IndexOf(bytes, Encoding.UTF8.GetBytes("好")[0]) + 1; // inside the 3-byte "好"
        body.Push(bytes[..split]);

        var reading = ReadAllAsync(client.Chat.StreamAsync(Ask()));
        await body.ReadWaiting.OrHang();
        body.Push(bytes[split..(split + 1)]);
        body.Push(bytes[(split + 1)..]);
        var chunks = await reading.OrHang();

        Assert.Equal("你好世界", Assert.Single(chunks).Result);
    }

    [Fact]
    public async Task Stream_ReassemblesChineseTextReadOneByteAtATime()
    {
        using var fake = new FakeQianfan();
        var text = Responses.Event(0, "千帆大模型") + Responses.Event(1, "平台。", isEnd: true);
        fake.RespondToChat(() => Responses.EventStream(new PieceStream(text, 1)));
        using var client = fake.CreateClient();

        var chunks = await ReadAllAsync(client.Chat.StreamAsync(Ask()));

        Assert.Equal("千帆大模型平台。", string.Concat(chunks.Select(c => c.Result)));
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
        Assert.Contains("2 chunk", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ThrowsWhenTheBodyIsEmpty()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(""));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanStreamEndedException>(() => ReadAllAsync(client.Chat.StreamAsync(Ask())));

        Assert.Equal(0, ex.ChunksReceived);
    }

    [Fact]
    public async Task Stream_ConnectionResetMidStreamThrowsStreamEndedAfterTheChunks()
    {
        using var fake = new FakeQianfan();
        var body = new PushStream();
        fake.RespondToChat(() => Responses.EventStream(body));
        using var client = fake.CreateClient();
        body.Push(Responses.Event(0, "a"));
        body.Fail(new IOException("connection reset by peer"));
        var received = new List<ChatChunk>();

        var ex = await Assert.ThrowsAsync<QianfanStreamEndedException>(async () =>
        {
            await foreach (var chunk in client.Chat.StreamAsync(Ask()))
            {
                received.Add(chunk);
            }
        });

        Assert.Equal("a", Assert.Single(received).Result);
        Assert.Equal(1, ex.ChunksReceived);
        Assert.IsType<IOException>(ex.InnerException);
        Assert.True(body.IsDisposed);
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
    public async Task Stream_NonStreamAnswerAtStartIsAQianfanException()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Text("<html>502 Bad Gateway</html>", "text/html", HttpStatusCode.BadGateway));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => ReadAllAsync(client.Chat.StreamAsync(Ask())));

        Assert.Contains("502", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsRetryable);
    }

    [Fact]
    public async Task Stream_JsonReplyInsteadOfAnEventStreamIsAQianfanException()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Reply("not streamed"));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => ReadAllAsync(client.Chat.StreamAsync(Ask())));

        Assert.Contains("event stream", ex.Message, StringComparison.Ordinal);
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

    [Fact]
    public async Task Stream_TokenRejectedMidStreamIsNotRepeated()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(
            Responses.Event(0, "a") + """data: {"error_code":111,"error_msg":"expired"}""" + "\n\n"));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => ReadAllAsync(client.Chat.StreamAsync(Ask())));

        Assert.Equal(111, ex.ErrorCode);
        Assert.Single(fake.ChatRequests);
    }

    [Fact]
    public async Task Stream_InvalidJsonEventIsAQianfanException()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(Responses.Event(0, "a") + "data: {\"id\":\n\n"));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => ReadAllAsync(client.Chat.StreamAsync(Ask())));

        Assert.IsNotType<QianfanStreamEndedException>(ex);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_CancellationWhileWaitingForTheNextChunkStopsAtOnceAndDisposesTheBody()
    {
        using var fake = new FakeQianfan();
        var body = new PushStream();
        fake.RespondToChat(() => Responses.EventStream(body));
        using var client = fake.CreateClient();
        using var cts = new CancellationTokenSource();
        body.Push(Responses.Event(0, "a"));
        var received = new List<ChatChunk>();

        var reading = Task.Run(async () =>
        {
            await foreach (var chunk in client.Chat.StreamAsync(Ask(), cts.Token))
            {
                received.Add(chunk);
            }
        });
        await body.ReadWaiting.OrHang();
        await WaitUntilAsync(() => received.Count == 1);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.OrHang());
        Assert.Equal("a", Assert.Single(received).Result);
        await body.Disposed.OrHang();
    }

    [Fact]
    public async Task Stream_CancellationThroughWithCancellationAlsoStops()
    {
        using var fake = new FakeQianfan();
        var body = new PushStream();
        fake.RespondToChat(() => Responses.EventStream(body));
        using var client = fake.CreateClient();
        using var cts = new CancellationTokenSource();
        body.Push(Responses.Event(0, "a"));

        var reading = Task.Run(async () =>
        {
            await foreach (var _ in client.Chat.StreamAsync(Ask()).WithCancellation(cts.Token))
            {
            }
        });
        await body.ReadWaiting.OrHang();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.OrHang());
        await body.Disposed.OrHang();
    }

    [Fact]
    public async Task Stream_FirstChunkIsYieldedBeforeTheRestOfTheBodyExists()
    {
        using var fake = new FakeQianfan();
        var body = new PushStream();
        fake.RespondToChat(() => Responses.EventStream(body));
        using var client = fake.CreateClient();
        body.Push(Responses.Event(0, "first"));

        await using var chunks = client.Chat.StreamAsync(Ask()).GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync().AsTask().OrHang());
        Assert.Equal("first", chunks.Current.Result);

        var second = chunks.MoveNextAsync().AsTask();
        await body.ReadWaiting.OrHang();
        Assert.False(second.IsCompleted);
        body.Push(Responses.Event(1, "second", isEnd: true));
        Assert.True(await second.OrHang());
        Assert.Equal("second", chunks.Current.Result);
        Assert.False(await chunks.MoveNextAsync().AsTask().OrHang());
    }

    [Fact]
    public async Task Stream_BodyIsDisposedWhenTheCallerStopsEarly()
    {
        using var fake = new FakeQianfan();
        var body = new PushStream();
        fake.RespondToChat(() => Responses.EventStream(body));
        using var client = fake.CreateClient();
        body.Push(Responses.Event(0, "a") + Responses.Event(1, "b"));
        using var guard = new CancellationTokenSource(Patience);

        await foreach (var _ in client.Chat.StreamAsync(Ask()).WithCancellation(guard.Token))
        {
            break;
        }

        Assert.True(body.IsDisposed);
    }

    [Fact]
    public async Task Stream_BodyIsDisposedAfterIsEnd()
    {
        using var fake = new FakeQianfan();
        var body = new PieceStream(Responses.Event(0, "a", isEnd: true), 4096);
        fake.RespondToChat(() => Responses.EventStream(body));
        using var client = fake.CreateClient();

        await ReadAllAsync(client.Chat.StreamAsync(Ask()));

        Assert.True(body.IsDisposed);
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
        Assert.DoesNotContain("error", System.Text.Json.JsonSerializer.Serialize(chunk), StringComparison.Ordinal);
        Assert.DoesNotContain("error", System.Text.Json.JsonSerializer.Serialize(new V2.ChatCompletionChunk()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_IsNotSentUntilEnumerated()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(Responses.Event(0, "a", isEnd: true)));
        using var client = fake.CreateClient();

        var stream = client.Chat.StreamAsync(Ask());
        await Task.Delay(20);
        Assert.Empty(fake.Requests);
        await ReadAllAsync(stream);

        Assert.Single(fake.ChatRequests);
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

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(1);
        }
    }
}
