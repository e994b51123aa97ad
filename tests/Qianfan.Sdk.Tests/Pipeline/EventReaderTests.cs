using System.Net.ServerSentEvents;
using System.Text;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Streaming;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>
/// How <see cref="EventReader"/> cuts a stream into events. The standard framing gives what
/// <see cref="SseParser"/> gives for any body, however it is split across reads. The data-line framing
/// (<see cref="StreamFraming.DataLines"/>) DashScope needs: every <c>data:</c> line is an event, with or without blank
/// lines between events, the <c>event:</c> line before it naming its type; comments, <c>id:</c> and <c>retry:</c>
/// lines skipped; any line ending, any split across reads, a last line without its newline.
/// </summary>
public sealed class EventReaderTests
{
    /// <summary>Three events as DashScope sends them (id, event, status comment, data), without blank lines between.</summary>
    private const string Dense =
        "id:1\nevent:result\n:HTTP_STATUS/200\ndata:{\"n\":1}\n" +
        "id:2\nevent:result\n:HTTP_STATUS/200\ndata:{\"n\":2}\n" +
        "id:3\nevent:error\n:HTTP_STATUS/400\ndata:{\"code\":\"InvalidParameter\"}\n";

    /// <summary>The same events with a blank line after each, as DashScope sends other streams.</summary>
    private const string Spaced =
        "id:1\nevent:result\n:HTTP_STATUS/200\ndata:{\"n\":1}\n\n" +
        "id:2\nevent:result\n:HTTP_STATUS/200\ndata:{\"n\":2}\n\n" +
        "id:3\nevent:error\n:HTTP_STATUS/400\ndata:{\"code\":\"InvalidParameter\"}\n\n";

    private static readonly (string Type, string Data)[] Expected =
        [("result", """{"n":1}"""), ("result", """{"n":2}"""), ("error", """{"code":"InvalidParameter"}""")];

    [Theory]
    [InlineData(Dense)]
    [InlineData(Spaced)]
    public async Task EveryDataLine_IsOneEvent_WithTheTypeOfTheEventLineBeforeIt(string body)
    {
        Assert.Equal(Expected, await ReadAsync(body));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\n")]
    public async Task AnyLineEnding_SplitAcrossReadsByteByByte_GivesTheSameEvents(string newline)
    {
        var body = Dense.Replace("\n", newline, StringComparison.Ordinal);

        Assert.Equal(Expected, await ReadAsync(body, 1));
        Assert.Equal(Expected, await ReadAsync(body, 1, 2, 3, 5, 8));
    }

    [Fact]
    public async Task MultiByteCharacters_SplitAcrossReads_ArriveWhole()
    {
        var events = await ReadAsync("event:result\ndata:{\"text\":\"通义千问\"}\ndata:{\"text\":\"，你好\"}\n", 1, 2);

        Assert.Equal([("result", """{"text":"通义千问"}"""), ("message", """{"text":"，你好"}""")], events);
    }

    [Fact]
    public async Task AnEventLine_NamesOnlyTheNextDataLine()
    {
        var events = await ReadAsync("event:error\ndata:a\ndata:b\nevent:\ndata:c\nevent\ndata:d\n");

        Assert.Equal([("error", "a"), ("message", "b"), ("message", "c"), ("message", "d")], events);
    }

    [Fact]
    public async Task OneSpaceAfterTheColon_IsNotPartOfTheData_AndADataLineWithoutColonIsEmpty()
    {
        var events = await ReadAsync("data: spaced\ndata:  two\ndata\ndata:\n");

        Assert.Equal([("message", "spaced"), ("message", " two"), ("message", ""), ("message", "")], events);
    }

    [Fact]
    public async Task CommentsIdRetryAndUnknownFields_AreSkipped()
    {
        var events = await ReadAsync(": a comment\nid:7\nretry:1000\nstatus:200\ndatum:no\n\n\ndata:yes\n");

        Assert.Equal([("message", "yes")], events);
    }

    [Fact]
    public async Task ALeadingByteOrderMark_IsIgnored()
    {
        var bytes = (byte[])[0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("data:first\ndata:second\n")];

        var events = await ReadAsync(new PieceStream(bytes, 1));

        Assert.Equal([("message", "first"), ("message", "second")], events);
    }

    [Theory]
    [InlineData("data:{\"n\":1}\ndata:last")]
    [InlineData("data:{\"n\":1}\ndata:last\r")]
    public async Task ALastDataLineWithoutItsNewline_IsStillAnEvent(string body)
    {
        var events = await ReadAsync(body, 4);

        Assert.Equal([("message", """{"n":1}"""), ("message", "last")], events);
    }

    [Theory]
    [InlineData("data:x\n:HTTP_STATUS/200")]
    [InlineData("data:x\nid:9")]
    [InlineData("data:x\nevent:result")]
    public async Task ALastLineWithoutItsNewline_ThatIsNoData_EndsTheStream(string body)
    {
        var events = await ReadAsync(body, 3).OrHang();

        Assert.Equal([("message", "x")], events);
    }

    [Fact]
    public async Task AnEmptyStream_HasNoEvents()
    {
        Assert.Empty(await ReadAsync(""));
        Assert.Empty(await ReadAsync("\n\n:keep-alive\n"));
    }

    [Fact]
    public async Task ALineLongerThanTheBuffer_ArrivesWhole()
    {
        var text = new string('字', 40_000);

        var events = await ReadAsync($"data:{text}\ndata:after\n", 4096);

        Assert.Equal([("message", text), ("message", "after")], events);
    }

    [Fact]
    public async Task RandomSplits_WithAndWithoutBlankLines_AlwaysGiveTheSameEvents()
    {
        var random = new Random(20261122);
        for (var round = 0; round < 200; round++)
        {
            var count = random.Next(1, 6);
            var expected = Enumerable.Range(0, count).Select(i => (Type: i % 2 == 0 ? "result" : "error", Data: $"{{\"i\":{i},\"t\":\"第{i}段\"}}")).ToArray();
            var newline = random.Next(3) switch { 0 => "\n", 1 => "\r\n", _ => "\r" };
            var blank = random.Next(2) == 0 ? "" : newline;
            var body = string.Concat(expected.Select((e, i) => $"id:{i + 1}{newline}event:{e.Type}{newline}:HTTP_STATUS/200{newline}data:{e.Data}{newline}{blank}"));
            var pieces = Enumerable.Range(0, 4).Select(_ => random.Next(1, 9)).ToArray();

            var events = await ReadAsync(body, pieces);

            Assert.True(expected.SequenceEqual(events), $"round {round}: newline {Escape(newline)}, blank '{Escape(blank)}', pieces {string.Join(",", pieces)}");
        }
    }

    [Fact]
    public async Task Cancellation_StopsAWaitingRead()
    {
        using var body = new PushStream();
        using var cancellation = new CancellationTokenSource();
        using var reader = new EventReader(body, StreamFraming.DataLines);
        body.Push("data:one\n");
        await reader.FillAsync(cancellation.Token);
        Assert.True(reader.TryRead(out _, out var data));
        Assert.Equal("one"u8, data);
        Assert.False(reader.TryRead(out _, out _));

        var next = reader.FillAsync(cancellation.Token).AsTask();
        await body.ReadWaiting.OrHang();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.OrHang());
    }

    [Fact]
    public async Task AfterDispose_ThereAreNoMoreEvents()
    {
        var reader = new EventReader(new MemoryStream(Encoding.UTF8.GetBytes("data:one\ndata:two\n")), StreamFraming.DataLines);
        await reader.FillAsync(CancellationToken.None);
        Assert.True(reader.TryRead(out _, out _));

        reader.Dispose();

        Assert.False(reader.TryRead(out _, out _));
        Assert.True(reader.IsAtEnd);
        reader.Dispose();
    }

    [Fact]
    public async Task ThePipeline_ReadsAStreamWithoutBlankLines_AsSeparateItems_WhenTheProfileSaysDataLines()
    {
        using var api = new PipelineHarness { Profile = new DataLineProfile(TestProfile.Instance) };
        var body = string.Concat(TestReplies.Event("a"), TestReplies.Event("b"), TestReplies.Event("c", last: true)).Replace("\n\n", "\n", StringComparison.Ordinal);
        api.Service.Respond(() => TestReplies.EventStream(new PieceStream(body, 2, 7)));

        var chunks = await api.ReadAllAsync().OrHang();

        Assert.Equal(["a", "b", "c"], chunks.Select(c => c.Text).ToArray());
    }

    [Fact]
    public async Task ThePipeline_WithStandardFraming_WouldMergeThoseLinesIntoOneEvent()
    {
        // Why the framing exists: a standard parser joins the data lines of one blank-line-delimited event.
        using var api = new PipelineHarness();
        var body = string.Concat(TestReplies.Event("a"), TestReplies.Event("b", last: true)).Replace("\n\n", "\n", StringComparison.Ordinal) + "\n";
        api.Service.Respond(() => TestReplies.EventStream(body));

        await Assert.ThrowsAsync<TestApiException>(() => api.ReadAllAsync().OrHang());
    }

    [Fact]
    public async Task ThePipeline_RaisesAnErrorDataLine_AfterTheItemsBeforeIt()
    {
        using var api = new PipelineHarness { Profile = new DataLineProfile(TestProfile.Instance) };
        var body = TestReplies.Event("a").TrimEnd('\n') + "\nevent:error\ndata:" + TestReplies.ErrorJson("bad_input", "no") + "\n";
        api.Service.Respond(() => TestReplies.EventStream(body));
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<TestApiException>(async () =>
        {
            await foreach (var chunk in api.StreamAsync())
            {
                received.Add(chunk.Text);
            }
        }).OrHang();

        Assert.Equal(["a"], received);
        Assert.Equal("bad_input", error.Code);
    }

    [Fact]
    public async Task ThePipeline_ReportsAStreamCutBeforeItsLastItem()
    {
        using var api = new PipelineHarness { Profile = new DataLineProfile(TestProfile.Instance) };
        api.Service.Respond(() => TestReplies.EventStream(TestReplies.Event("a").TrimEnd('\n') + "\n" + TestReplies.Event("b").TrimEnd('\n')));

        var error = await Assert.ThrowsAsync<TestStreamEndedException>(() => api.ReadAllAsync().OrHang());

        Assert.Equal(2, error.ChunksReceived);
    }

    [Fact]
    public async Task Standard_GivesWhatSseParserGives_ForAnyBody_SplitAnyWay()
    {
        var random = new Random(20261202);
        // An event line comes before a data line, as servers send it: where a blank line follows it instead, the
        // standard forgets the type and SseParser keeps it (see the test below).
        string[][] units = [["data:{\"n\":1}"], ["data: 第二段"], ["data"], ["data:"], ["data:  two spaces"], ["event:result", "data:r"], ["event:error", "data: e"], [": comment"], [":"], ["id:7"], ["retry:1000"], ["datum:no"], [""], [""]];
        for (var round = 0; round < 400; round++)
        {
            var text = new StringBuilder(random.Next(4) == 0 ? "\uFEFF" : "");
            var count = random.Next(1, 16);
            for (var i = 0; i < count; i++)
            {
                foreach (var line in units[random.Next(units.Length)])
                {
                    text.Append(line).Append(random.Next(3) switch { 0 => "\n", 1 => "\r\n", _ => "\r" });
                }
            }

            if (random.Next(3) == 0)
            {
                text.Append("data:unfinished");
            }

            var body = Encoding.UTF8.GetBytes(text.ToString());
            var pieces = Enumerable.Range(0, 4).Select(_ => random.Next(1, 9)).ToArray();

            var expected = await ReadWithSseParserAsync(body);
            var actual = await ReadAsync(new PieceStream(body, pieces), StreamFraming.ServerSentEvents);

            Assert.True(expected.SequenceEqual(actual), $"round {round}: {Escape(text.ToString())}, pieces {string.Join(",", pieces)}: expected [{string.Join("|", expected)}], read [{string.Join("|", actual)}]");
        }
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(1)]
    public async Task Standard_JoinsAnEventsDataLines_AndEndsItAtABlankLine(int piece)
    {
        var events = await ReadAsync(new PieceStream("data:a\ndata:b\n\ndata:c\r\n\r\ndata:d\r\rdata:e\n\n", piece), StreamFraming.ServerSentEvents);

        Assert.Equal([("message", "a\nb"), ("message", "c"), ("message", "d"), ("message", "e")], events);
    }

    [Theory]
    [InlineData("data:a\n\ndata:b\n")]
    [InlineData("data:a\n\ndata:b")]
    [InlineData("data:a\n\nevent:x\ndata:b\r")]
    public async Task Standard_DropsAnEventTheBodyEndsInside(string body)
    {
        Assert.Equal([("message", "a")], await ReadAsync(new PieceStream(body, 3), StreamFraming.ServerSentEvents));
    }

    [Fact]
    public async Task Standard_AnEventLineNamesOnlyItsOwnEvent_AndAnEmptyOneLeavesTheDefault()
    {
        // The standard's "set the data buffer and the event type buffer to the empty string" at a blank line without
        // data: the error type below does not reach c (SseParser would carry it over).
        var events = await ReadAsync(new PieceStream("event:result\ndata:a\n\nevent:\ndata:b\n\nevent:error\n\ndata:c\n\n", 1024), StreamFraming.ServerSentEvents);

        Assert.Equal([("result", "a"), ("message", "b"), ("message", "c")], events);
    }

    [Fact]
    public async Task Standard_AnEventLongerThanTheBuffer_ArrivesWhole()
    {
        var text = new string('字', 40_000);

        var events = await ReadAsync(new PieceStream($"data:{text}\ndata:{text}\n\ndata:after\n\n", 4096), StreamFraming.ServerSentEvents);

        Assert.Equal([("message", text + "\n" + text), ("message", "after")], events);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ALineThatNeverEnds_StopsAtTheLimit_InsteadOfFillingMemory(bool dataLines)
    {
        using var reader = new EventReader(new EndlessLine(), dataLines ? StreamFraming.DataLines : StreamFraming.ServerSentEvents);

        var error = await Assert.ThrowsAsync<OversizedEventException>(async () =>
        {
            while (!reader.TryRead(out _, out _))
            {
                await reader.FillAsync(CancellationToken.None);
            }
        }).OrHang();

        Assert.Contains("16 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALongEventMadeOfManyDataLines_StopsAtTheLimit()
    {
        var line = "data:" + new string('x', 1024 * 1024) + "\n";

        var error = await Assert.ThrowsAsync<OversizedEventException>(() => ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, 17)))), StreamFraming.ServerSentEvents));

        Assert.Contains("16 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePipeline_TurnsALineThatNeverEndsIntoTheProfilesMalformedError()
    {
        using var api = new PipelineHarness();
        api.Service.Respond(() => TestReplies.EventStream(new EndlessLine()));

        var error = await Assert.ThrowsAsync<TestApiException>(() => api.ReadAllAsync().OrHang());

        Assert.Equal("the stream carried a line or event longer than 16 MiB", error.ErrorMessage);
    }

    private static Task<List<(string Type, string Data)>> ReadAsync(string body, params int[] pieces) =>
        ReadAsync(new PieceStream(body, pieces.Length == 0 ? [1024] : pieces));

    private static async Task<List<(string Type, string Data)>> ReadAsync(Stream body, StreamFraming framing = StreamFraming.DataLines)
    {
        var read = new List<(string, string)>();
        using var reader = new EventReader(body, framing);
        while (true)
        {
            while (reader.TryRead(out var type, out var data))
            {
                read.Add((type, Encoding.UTF8.GetString(data)));
            }

            if (reader.IsAtEnd)
            {
                return read;
            }

            await reader.FillAsync(CancellationToken.None).AsTask().OrHang();
        }
    }

    /// <summary>What System.Net.ServerSentEvents makes of the same bytes: the reference for the standard framing.</summary>
    private static async Task<List<(string Type, string Data)>> ReadWithSseParserAsync(byte[] body)
    {
        var read = new List<(string, string)>();
        await foreach (var item in SseParser.Create(new MemoryStream(body), static (_, data) => Encoding.UTF8.GetString(data)).EnumerateAsync())
        {
            read.Add((item.EventType, item.Data));
        }

        return read;
    }

    /// <summary>Another API's profile with data-line framing, everything else as it is.</summary>
    private sealed class DataLineProfile(ApiProfile inner) : ApiProfile
    {
        public override string ProviderName => inner.ProviderName;

        public override string RequestIdHeader => inner.RequestIdHeader;

        public override StreamFraming StreamFraming => StreamFraming.DataLines;

        public override Exception? DecodeError(ReadOnlySpan<byte> body, ServiceResponse response) => inner.DecodeError(body, response);

        public override Exception Malformed(ServiceResponse response, string message, Exception? innerException = null) => inner.Malformed(response, message, innerException);

        public override Exception StreamEnded(int chunksReceived, ServiceResponse response, Exception? innerException = null) => inner.StreamEnded(chunksReceived, response, innerException);

        public override bool IsRetryable(Exception exception) => inner.IsRetryable(exception);

        public override TimeSpan? RetryAfter(Exception exception) => inner.RetryAfter(exception);

        public override string? ErrorCode(Exception exception) => inner.ErrorCode(exception);

        public override string? ErrorMessage(Exception exception) => inner.ErrorMessage(exception);
    }

    /// <summary>A body that is one line without end: <c>data:</c> and then letters for ever.</summary>
    private sealed class EndlessLine : ReadOnlyBody
    {
        private bool _started;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var prefix = _started ? [] : "data:"u8;
            _started = true;
            var written = Math.Min(prefix.Length, buffer.Length);
            prefix[..written].CopyTo(buffer);
            buffer[written..].Fill((byte)'a');
            return buffer.Length;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));
    }

    private static string Escape(string text) => text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
