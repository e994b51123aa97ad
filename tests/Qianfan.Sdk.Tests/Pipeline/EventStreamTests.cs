using System.Net;
using System.Text;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>
/// Event streams as the pipeline reads them, whatever the API: SSE framing (line ends, comments, events split
/// across reads, multi-byte characters), the end (a last item or an end marker, a cut connection), error events,
/// invalid JSON, cancellation, when the body is closed, and back-pressure.
/// </summary>
public sealed class EventStreamTests
{
    [Fact]
    public async Task Stream_YieldsItemsInOrderAndStopsAtTheLastOneIgnoringAnythingAfter()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.EventStream(
            TestReplies.Event("a") +
            TestReplies.Event("b", last: true) +
            TestReplies.Event("after the end") +
            "data: {this is not json}\n\n" +
            "data: " + TestReplies.ErrorJson("late") + "\n\n"));

        var chunks = await api.ReadAllAsync().OrHang();

        Assert.Equal(["a", "b"], chunks.Select(c => c.Text).ToArray());
    }

    [Fact]
    public async Task Stream_EndsAtTheEndMarkerIgnoringAnythingAfter()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.EventStream(TestReplies.Event("a") + TestReplies.Event("b") + TestReplies.End + TestReplies.Event("never read")));

        var chunks = await api.ReadAllAsync().OrHang();

        Assert.Equal(["a", "b"], chunks.Select(c => c.Text).ToArray());
    }

    [Fact]
    public async Task Stream_ThatEndsWithItsEndMarkerAtOnceYieldsNothing()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.EventStream(TestReplies.End));

        Assert.Empty(await api.ReadAllAsync().OrHang());
    }

    [Fact]
    public async Task Stream_EndsAtItsLastItemWithoutWaitingForTheConnectionToClose()
    {
        using var api = new PipelineHarness();
        var body = new PushStream();
        api.Service.Respond(() => TestReplies.EventStream(body));
        body.Push(TestReplies.Event("a") + TestReplies.Event("b", last: true)); // and the server keeps the connection open

        var chunks = await api.ReadAllAsync().OrHang();

        Assert.Equal(2, chunks.Count);
        Assert.True(body.IsDisposed);
    }

    [Fact]
    public async Task Stream_HandlesCrLfLineEnds()
    {
        using var api = new PipelineHarness();
        var text = (TestReplies.Event("a") + TestReplies.Event("b", last: true)).Replace("\n", "\r\n", StringComparison.Ordinal);
        api.Service.Respond(() => TestReplies.EventStream(text));

        var chunks = await api.ReadAllAsync().OrHang();

        Assert.Equal(["a", "b"], chunks.Select(c => c.Text).ToArray());
    }

    [Fact]
    public async Task Stream_HandlesCrLfSplitBetweenReads()
    {
        using var api = new PipelineHarness();
        var text = (": comment\n" + TestReplies.Event("中文") + TestReplies.Event("b", last: true)).Replace("\n", "\r\n", StringComparison.Ordinal);
        api.Service.Respond(() => TestReplies.EventStream(new PieceStream(text, 1)));

        var chunks = await api.ReadAllAsync().OrHang();

        Assert.Equal(["中文", "b"], chunks.Select(c => c.Text).ToArray());
    }

    [Fact]
    public async Task Stream_IgnoresCommentLinesEventNamesAndExtraBlankLines()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.EventStream(
            ": keep-alive\n\n\n\n" +
            TestReplies.Event("a") +
            "\n\n:another comment\n" +
            "event: message\n" +
            TestReplies.Event("b", last: true)));

        var chunks = await api.ReadAllAsync().OrHang();

        Assert.Equal(["a", "b"], chunks.Select(c => c.Text).ToArray());
    }

    [Fact]
    public async Task Stream_SkipsEventsThatCarryNoItem()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.EventStream("data:  \n\n" + "data:\t\n\n" + TestReplies.Event("a", last: true)));

        var chunks = await api.ReadAllAsync().OrHang();

        Assert.Equal("a", Assert.Single(chunks).Text);
    }

    [Fact]
    public async Task Stream_ReassemblesEventsSplitAcrossReads()
    {
        using var api = new PipelineHarness();
        var text = TestReplies.Event("first") + TestReplies.Event("second") + TestReplies.Event("third", last: true);
        var body = new PieceStream(text, 1, 2, 3);
        api.Service.Respond(() => TestReplies.EventStream(body));

        var chunks = await api.ReadAllAsync().OrHang();

        Assert.Equal(["first", "second", "third"], chunks.Select(c => c.Text).ToArray());
        Assert.True(body.Reads > text.Length / 3, "the body really was read in small pieces");
    }

    [Fact]
    public async Task Stream_ReassemblesAChineseCharacterSplitAcrossReads()
    {
        using var api = new PipelineHarness();
        var body = new PushStream();
        api.Service.Respond(() => TestReplies.EventStream(body));
        var bytes = Encoding.UTF8.GetBytes(TestReplies.Event("你好世界", last: true));
        var split = Array.IndexOf(bytes, Encoding.UTF8.GetBytes("好")[0]) + 1; // inside the 3-byte "好"
        body.Push(bytes[..split]);

        var reading = api.ReadAllAsync();
        await body.ReadWaiting.OrHang();
        body.Push(bytes[split..(split + 1)]);
        body.Push(bytes[(split + 1)..]);
        var chunks = await reading.OrHang();

        Assert.Equal("你好世界", Assert.Single(chunks).Text);
    }

    [Fact]
    public async Task Stream_ReassemblesChineseTextReadOneByteAtATime()
    {
        using var api = new PipelineHarness();
        var text = TestReplies.Event("千帆大模型") + TestReplies.Event("平台。", last: true);
        api.Service.Respond(() => TestReplies.EventStream(new PieceStream(text, 1)));

        var chunks = await api.ReadAllAsync().OrHang();

        Assert.Equal("千帆大模型平台。", string.Concat(chunks.Select(c => c.Text)));
    }

    [Fact]
    public async Task Stream_CutBeforeItsEndThrowsTheProfilesErrorAfterTheItems()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.EventStream(TestReplies.Event("a") + TestReplies.Event("b"), (TestProfile.RequestIdHeaderName, "req-cut")));
        var received = new List<TestChunk>();

        var ex = await Assert.ThrowsAsync<TestStreamEndedException>(async () =>
        {
            await foreach (var chunk in api.StreamAsync())
            {
                received.Add(chunk);
            }
        }).OrHang();

        Assert.Equal(["a", "b"], received.Select(c => c.Text).ToArray());
        Assert.Equal(2, ex.ChunksReceived);
        Assert.Equal("req-cut", ex.Response!.RequestId);
        Assert.Null(ex.InnerException);
    }

    [Fact]
    public async Task Stream_EmptyBodyThrowsTheProfilesErrorWithNoItems()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.EventStream(""));

        var ex = await Assert.ThrowsAsync<TestStreamEndedException>(() => api.ReadAllAsync().OrHang());

        Assert.Equal(0, ex.ChunksReceived);
    }

    [Fact]
    public async Task Stream_ConnectionResetMidStreamThrowsTheProfilesErrorAfterTheItemsAndClosesTheBody()
    {
        using var api = new PipelineHarness();
        var body = new PushStream();
        api.Service.Respond(() => TestReplies.EventStream(body));
        body.Push(TestReplies.Event("a"));
        body.Fail(new IOException("connection reset by peer"));
        var received = new List<TestChunk>();

        var ex = await Assert.ThrowsAsync<TestStreamEndedException>(async () =>
        {
            await foreach (var chunk in api.StreamAsync())
            {
                received.Add(chunk);
            }
        }).OrHang();

        Assert.Equal("a", Assert.Single(received).Text);
        Assert.Equal(1, ex.ChunksReceived);
        Assert.IsType<IOException>(ex.InnerException);
        Assert.True(body.IsDisposed);
    }

    [Fact]
    public async Task Stream_BodyWhoseCompressionDoesNotDecodeEndsTheStreamWithTheProfilesError()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() =>
        {
            var response = TestReplies.EventStream(TestReplies.CorruptGzip());
            response.Content.Headers.ContentEncoding.Add("gzip");
            return response;
        });

        var ex = await Assert.ThrowsAsync<TestStreamEndedException>(() => api.ReadAllAsync().OrHang());

        Assert.Equal(0, ex.ChunksReceived);
        Assert.IsType<InvalidDataException>(ex.InnerException);
    }

    [Fact]
    public async Task Stream_BrotliBodyThatDoesNotDecodeEndsTheStreamWithTheProfilesError()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() =>
        {
            var response = TestReplies.EventStream(TestReplies.CorruptBrotli());
            response.Content.Headers.ContentEncoding.Add("br");
            return response;
        });

        var ex = await Assert.ThrowsAsync<TestStreamEndedException>(() => api.ReadAllAsync().OrHang());

        Assert.Equal(0, ex.ChunksReceived);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
    }

    [Fact]
    public async Task Stream_ErrorBodyAtStartThrowsTheDecodedErrorBeforeAnyItem()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.Error("rpm_limit", "Rate limit reached", retryable: true, headers: (TestProfile.RequestIdHeaderName, "req-rpm")));
        var received = 0;

        var ex = await Assert.ThrowsAsync<TestApiException>(async () =>
        {
            await foreach (var _ in api.StreamAsync())
            {
                received++;
            }
        }).OrHang();

        Assert.Equal(0, received);
        Assert.Equal("rpm_limit", ex.Code);
        Assert.Equal("Rate limit reached", ex.ErrorMessage);
        Assert.Equal("req-rpm", ex.Response!.RequestId);
        Assert.Single(api.Service.Requests);
    }

    [Fact]
    public async Task Stream_NonStreamAnswerAtStartIsTheProfilesMalformedErrorNamingStatusAndType()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.Text("<html>502 Bad Gateway</html>", "text/html", HttpStatusCode.BadGateway));

        var ex = await Assert.ThrowsAsync<TestApiException>(() => api.ReadAllAsync().OrHang());

        Assert.Null(ex.Code);
        Assert.Equal("expected an event stream, but the service answered HTTP 502 with text/html", ex.ErrorMessage);
        Assert.Equal(HttpStatusCode.BadGateway, ex.Response!.StatusCode);
    }

    [Fact]
    public async Task Stream_JsonAnswerInsteadOfAnEventStreamIsTheProfilesMalformedError()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.Result("not streamed"));

        var ex = await Assert.ThrowsAsync<TestApiException>(() => api.ReadAllAsync().OrHang());

        Assert.Contains("expected an event stream", ex.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("application/json", ex.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ErrorEventMidStreamThrowsTheDecodedErrorAfterTheEarlierItems()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.EventStream(
            TestReplies.Event("a") + "data: " + TestReplies.ErrorJson("busy", "system is busy") + "\n\n" + TestReplies.Event("never", last: true),
            (TestProfile.RequestIdHeaderName, "req-mid")));
        var received = new List<TestChunk>();

        var ex = await Assert.ThrowsAsync<TestApiException>(async () =>
        {
            await foreach (var chunk in api.StreamAsync())
            {
                received.Add(chunk);
            }
        }).OrHang();

        Assert.Equal("a", Assert.Single(received).Text);
        Assert.Equal("busy", ex.Code);
        Assert.Equal("system is busy", ex.ErrorMessage);
        Assert.Equal("req-mid", ex.Response!.RequestId);
    }

    [Fact]
    public async Task Stream_ErrorEventTheProfileCannotReadIsItsMalformedError()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.EventStream(TestReplies.Event("a") + "data: {\"error\":42}\n\n"));

        var ex = await Assert.ThrowsAsync<TestApiException>(() => api.ReadAllAsync().OrHang());

        Assert.Null(ex.Code);
        Assert.Equal("the stream carried an error event the SDK cannot read", ex.ErrorMessage);
    }

    [Fact]
    public async Task Stream_InvalidJsonEventIsTheProfilesMalformedErrorNotAnEndedStream()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.EventStream(TestReplies.Event("a") + "data: {\"id\":\n\n"));

        var ex = await Assert.ThrowsAsync<TestApiException>(() => api.ReadAllAsync().OrHang());

        Assert.Equal("the stream carried an event that is not valid JSON", ex.ErrorMessage);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex.InnerException);
    }

    [Fact]
    public async Task Stream_CancellationWhileWaitingForTheNextItemStopsAtOnceAndClosesTheBody()
    {
        using var api = new PipelineHarness();
        var body = new PushStream();
        api.Service.Respond(() => TestReplies.EventStream(body));
        using var cts = new CancellationTokenSource();
        body.Push(TestReplies.Event("a"));

        await using var chunks = api.StreamAsync(cts.Token).GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync().AsTask().OrHang());
        Assert.Equal("a", chunks.Current.Text);
        var second = chunks.MoveNextAsync().AsTask();
        await body.ReadWaiting.OrHang();
        await cts.CancelAsync();

        var ex = await Record.ExceptionAsync(() => second.OrHang());
        Assert.Equal(cts.Token, Assert.IsAssignableFrom<OperationCanceledException>(ex).CancellationToken);
        await body.Disposed.OrHang();
    }

    [Fact]
    public async Task Stream_AnErrorEventAfterAnItem_FailsTheSpanWithItsCode_AndLetsTheConnectionGo()
    {
        using var api = new PipelineHarness();
        var body = new PushStream();
        api.Service.Respond(() => TestReplies.EventStream(body));
        body.Push(TestReplies.Event("a") + "data: " + TestReplies.ErrorJson("busy", "system is busy") + "\n\n");
        using var spans = new SpanRecorder("test-provider");

        await using var chunks = api.StreamAsync().GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync().AsTask().OrHang());
        var ex = await Record.ExceptionAsync(() => chunks.MoveNextAsync().AsTask().OrHang());

        Assert.Equal("busy", Assert.IsType<TestApiException>(ex).Code);
        await body.Disposed.OrHang();
        var span = Assert.Single(spans.Stopped, a => a.Status == System.Diagnostics.ActivityStatusCode.Error);
        Assert.Equal("busy", span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task Stream_StoppedAtItsLastItem_EndsAsSucceeded_NotAbandoned()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.EventStream(TestReplies.Event("a") + TestReplies.Event("b", last: true, total: 5)));
        using var spans = new SpanRecorder("test-provider");

        await foreach (var chunk in api.StreamAsync())
        {
            if (chunk.Text == "b")
            {
                break;    // as a V1 caller stopping at is_end does
            }
        }

        var span = Assert.Single(spans.Stopped);
        Assert.NotEqual(System.Diagnostics.ActivityStatusCode.Error, span.Status);
        Assert.Null(span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task Stream_GivenTwoTokens_EitherStopsIt()
    {
        using var api = new PipelineHarness();
        var body = new PushStream();
        api.Service.Respond(() => TestReplies.EventStream(body));
        using var callToken = new CancellationTokenSource();
        using var enumeratorToken = new CancellationTokenSource();
        body.Push(TestReplies.Event("a"));

        var reading = Task.Run(async () =>
        {
            await foreach (var _ in api.StreamAsync(callToken.Token).WithCancellation(enumeratorToken.Token))
            {
            }
        });
        await body.ReadWaiting.OrHang();
        await enumeratorToken.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.OrHang());
        await body.Disposed.OrHang();
        Assert.False(callToken.IsCancellationRequested);
    }

    [Fact]
    public async Task Stream_CancellationThroughWithCancellationAlsoStops()
    {
        using var api = new PipelineHarness();
        var body = new PushStream();
        api.Service.Respond(() => TestReplies.EventStream(body));
        using var cts = new CancellationTokenSource();
        body.Push(TestReplies.Event("a"));

        var reading = Task.Run(async () =>
        {
            await foreach (var _ in api.StreamAsync().WithCancellation(cts.Token))
            {
            }
        });
        await body.ReadWaiting.OrHang();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.OrHang());
        await body.Disposed.OrHang();
    }

    [Fact]
    public async Task Stream_FirstItemIsYieldedBeforeTheRestOfTheBodyExists()
    {
        using var api = new PipelineHarness();
        var body = new PushStream();
        api.Service.Respond(() => TestReplies.EventStream(body));
        body.Push(TestReplies.Event("first"));

        await using var chunks = api.StreamAsync().GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync().AsTask().OrHang());
        Assert.Equal("first", chunks.Current.Text);

        var second = chunks.MoveNextAsync().AsTask();
        await body.ReadWaiting.OrHang();
        Assert.False(second.IsCompleted);
        body.Push(TestReplies.Event("second", last: true));
        Assert.True(await second.OrHang());
        Assert.Equal("second", chunks.Current.Text);
        Assert.False(await chunks.MoveNextAsync().AsTask().OrHang());
    }

    [Fact]
    public async Task Stream_BodyIsClosedWhenTheCallerStopsEarly()
    {
        using var api = new PipelineHarness();
        var body = new PushStream();
        api.Service.Respond(() => TestReplies.EventStream(body));
        body.Push(TestReplies.Event("a") + TestReplies.Event("b"));

        await foreach (var _ in api.StreamAsync())
        {
            break;
        }

        Assert.True(body.IsDisposed);
    }

    [Fact]
    public async Task Stream_BodyIsClosedAfterTheLastItem()
    {
        using var api = new PipelineHarness();
        var body = new PieceStream(TestReplies.Event("a", last: true), 4096);
        api.Service.Respond(() => TestReplies.EventStream(body));

        await api.ReadAllAsync().OrHang();

        Assert.True(body.IsDisposed);
    }

    [Fact]
    public async Task Stream_IsNotSentUntilEnumerated()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.EventStream(TestReplies.Event("a", last: true)));

        var stream = api.StreamAsync();
        await Task.Yield();
        Assert.Empty(api.Service.Requests);
        await foreach (var _ in stream)
        {
        }

        Assert.Single(api.Service.Requests);
    }

    [Fact]
    public async Task Stream_RequestCarriesWhatTheProfilePreparesForAStream()
    {
        using var api = new PipelineHarness();
        api.Service.RespondInTurn(() => TestReplies.Result(), () => TestReplies.EventStream(TestReplies.Event("a", last: true)));

        await api.SendAsync().OrHang();
        await api.ReadAllAsync().OrHang();

        Assert.False(api.Service.Requests[0].Headers.ContainsKey(TestProfile.StreamHeaderName));
        Assert.Equal("true", api.Service.Requests[1].Headers[TestProfile.StreamHeaderName]);
    }
}
