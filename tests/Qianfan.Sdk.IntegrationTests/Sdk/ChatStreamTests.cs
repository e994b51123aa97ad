using System.Diagnostics;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.IntegrationTests.Sdk;

public sealed class ChatStreamTests
{
    [Fact]
    public async Task Stream_YieldsThePiecesInOrder_AndTheyJoinToTheSyncReply()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);

        var chunks = await client.Chat.StreamAsync(SdkHarness.Ask("你好")).ToListAsync();
        var sync = await client.Chat.CompleteAsync(SdkHarness.Ask("你好"));

        Assert.Equal(["这是千帆模拟器的回答。", "你说的是：你好。", "祝你一切顺利！"], chunks.Select(c => c.Result));
        Assert.Equal([0, 1, 2], chunks.Select(c => c.SentenceId));
        Assert.Equal([false, false, true], chunks.Select(c => c.IsEnd));
        Assert.Equal(sync.Result, string.Concat(chunks.Select(c => c.Result)));
        Assert.Single(chunks.Select(c => c.Id).Distinct());
        Assert.Matches("^as-[a-z0-9]{10}$", chunks[0].Id);
        Assert.All(chunks, c => Assert.Equal("chat.completion", c.ObjectType));
        Assert.All(chunks, c => Assert.False(c.NeedClearHistory));
        Assert.Equal(sync.Usage, chunks[^1].Usage);
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(0, c.Usage!.CompletionTokens));

        var sent = emu.ChatRequests();
        Assert.Equal(2, sent.Count);
        var streamBody = sent[0].Json();
        Assert.Equal(["messages", "stream"], streamBody.PropertyNames().Order(StringComparer.Ordinal));
        Assert.True(streamBody.GetProperty("stream").GetBoolean());
        Assert.Equal(["messages"], sent[1].Json().PropertyNames());
    }

    [Fact]
    public async Task Stream_LongerReply_HasManyPiecesThatJoinToTheSyncReply()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        const string Question = "Hello there. How are you? Fine! And you; well.";

        var chunks = await client.Chat.StreamAsync(SdkHarness.Ask(Question, "ERNIE-Speed-8K")).ToListAsync();
        var sync = await client.Chat.CompleteAsync(SdkHarness.Ask(Question, "ERNIE-Speed-8K"));

        Assert.True(chunks.Count > 3);
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.SentenceId));
        Assert.Equal(sync.Result, string.Concat(chunks.Select(c => c.Result)));
        Assert.Equal(1, chunks.Count(c => c.IsEnd));
        Assert.Equal(["ernie_speed", "ernie_speed"], emu.ChatRequests().Select(r => r.Endpoint));
    }

    [Fact]
    public async Task Stream_TheFirstPieceReachesTheCaller_BeforeTheSecondIsSent()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        var hold = emu.Scenarios.HoldNextStreamAfterFirstChunk();

        await using var chunks = client.Chat.StreamAsync(SdkHarness.Ask("你好")).GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync().AsTask().WaitAsync(SdkHarness.Soon));

        Assert.Equal(0, chunks.Current.SentenceId);
        Assert.False(chunks.Current.IsEnd);
        Assert.Equal("这是千帆模拟器的回答。", chunks.Current.Result);
        Assert.True(hold.FirstChunkSent.IsCompleted);
        Assert.False(hold.IsReleased);

        // The second piece is not even written yet: the next read waits for it.
        var second = chunks.MoveNextAsync().AsTask();
        await Task.Delay(200);
        Assert.False(second.IsCompleted);

        hold.Release();
        Assert.True(await second.WaitAsync(SdkHarness.Soon));
        Assert.Equal(1, chunks.Current.SentenceId);
        Assert.True(await chunks.MoveNextAsync().AsTask().WaitAsync(SdkHarness.Soon));
        Assert.True(chunks.Current.IsEnd);
        Assert.False(await chunks.MoveNextAsync().AsTask().WaitAsync(SdkHarness.Soon));
    }

    [Fact]
    public async Task Stream_SlowerThanTheTimeoutAfterItsFirstPiece_StillCompletes()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        var options = SdkHarness.Options(emu, singleAttempt: true);
        // Timeout bounds the wait for the first piece, and (as StreamIdleTimeout is not set) each later gap; not the
        // whole stream. Gaps of 600 ms leave a loaded machine 1.4 s of slack on each bound.
        options.Timeout = TimeSpan.FromSeconds(2);
        using var client = new QianfanClient(SdkHarness.Credentials(emu), options);
        await client.Chat.CompleteAsync(SdkHarness.Ask("warm up")); // token and connection ready
        emu.Scenarios.StreamSentenceDelay = TimeSpan.FromMilliseconds(600);
        const string Question = "One. Two. Three. Four.";
        var watch = Stopwatch.StartNew();

        var chunks = await client.Chat.StreamAsync(SdkHarness.Ask(Question)).ToListAsync();

        Assert.True(watch.Elapsed > options.Timeout, $"the stream took only {watch.Elapsed}");
        Assert.True(chunks.Count >= 5);
        Assert.Equal(SdkHarness.DefaultReply(Question), string.Concat(chunks.Select(c => c.Result)));
        Assert.Equal(2, emu.ChatRequests().Count);
    }

    [Fact]
    public async Task Stream_CutBeforeTheEnd_ThrowsStreamEndedAfterTheReceivedPieces()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        emu.Scenarios.CutNextStreams(1, afterSentences: 2);
        var received = new List<ChatChunk>();

        var ex = await Assert.ThrowsAsync<QianfanStreamEndedException>(async () =>
        {
            await foreach (var chunk in client.Chat.StreamAsync(SdkHarness.Ask("你好")))
            {
                received.Add(chunk);
            }
        });

        Assert.Equal(["这是千帆模拟器的回答。", "你说的是：你好。"], received.Select(c => c.Result));
        Assert.DoesNotContain(received, c => c.IsEnd);
        Assert.Equal(2, ex.ChunksReceived);
        Assert.False(ex.IsRetryable);
        Assert.Null(ex.ErrorCode);
        Assert.Matches("^[0-9a-f]{32}$", ex.RequestId);
        Assert.Single(emu.ChatRequests());
    }

    [Fact]
    public async Task Stream_CutAfterNoPiece_ThrowsStreamEndedWithNoChunks()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        emu.Scenarios.CutNextStreams(1, afterSentences: 0);
        var received = 0;

        var ex = await Assert.ThrowsAsync<QianfanStreamEndedException>(async () =>
        {
            await foreach (var chunk in client.Chat.StreamAsync(SdkHarness.Ask("你好")))
            {
                received++;
            }
        });

        Assert.Equal(0, received);
        Assert.Equal(0, ex.ChunksReceived);
    }

    [Fact]
    public async Task Stream_ErrorBodyAtStart_ThrowsQianfanExceptionBeforeAnyChunk()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        emu.Scenarios.FailNextStreamsAtStart(1, QianfanErrorCodes.InvalidParam, "the stream could not start");
        var received = 0;

        var ex = await Assert.ThrowsAsync<QianfanException>(async () =>
        {
            await foreach (var chunk in client.Chat.StreamAsync(SdkHarness.Ask("你好")))
            {
                received++;
            }
        });

        Assert.Equal(0, received);
        Assert.IsNotType<QianfanStreamEndedException>(ex);
        Assert.Equal(QianfanErrorCodes.InvalidParam, ex.ErrorCode);
        Assert.Equal("the stream could not start", ex.ErrorMessage);
        Assert.Matches("^[0-9a-f]{32}$", ex.RequestId);
        Assert.False(ex.IsRetryable);
        Assert.Single(emu.ChatRequests());

        // The next stream is fine.
        var chunks = await client.Chat.StreamAsync(SdkHarness.Ask("again")).ToListAsync();
        Assert.Equal(SdkHarness.DefaultReply("again"), string.Concat(chunks.Select(c => c.Result)));
    }

    [Fact]
    public async Task Stream_CancelledMidway_EndsPromptlyWithOperationCanceled()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        emu.Scenarios.StreamSentenceDelay = TimeSpan.FromSeconds(30);
        using var cts = new CancellationTokenSource();

        await using var chunks = client.Chat.StreamAsync(SdkHarness.Ask("你好"), cts.Token).GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync().AsTask().WaitAsync(SdkHarness.Soon));
        Assert.Equal(0, chunks.Current.SentenceId);

        var next = chunks.MoveNextAsync().AsTask();
        await Task.Delay(100);
        Assert.False(next.IsCompleted);
        var watch = Stopwatch.StartNew();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(SdkHarness.Soon));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"cancellation took {watch.Elapsed}"); // the next piece was 30 s away
        Assert.Single(emu.ChatRequests());
    }

    [Fact]
    public async Task Stream_CancelledBeforeTheFirstPiece_EndsPromptly()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        emu.Scenarios.DelayNextChatResponses(1, TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in client.Chat.StreamAsync(SdkHarness.Ask("你好"), cts.Token))
            {
                Assert.Fail("no piece was expected");
            }
        });

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"cancellation took {watch.Elapsed}"); // the answer was 30 s away
    }
}
