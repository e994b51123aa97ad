using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

public sealed class ChatStreamTests
{
    [Fact]
    public async Task Stream_SendsOneEventPerSentenceWithIdsAndIsEndOnlyLast()
    {
        await using var session = await EmulatorSession.StartAsync();

        var events = await session.StreamAsync("你好");

        Assert.Equal(["这是千帆模拟器的回答。", "你说的是：你好。", "祝你一切顺利！"], events.Select(e => e.GetProperty("result").GetString()));
        Assert.Equal([0, 1, 2], events.Select(e => e.GetProperty("sentence_id").GetInt32()));
        Assert.Equal([false, false, true], events.Select(e => e.GetProperty("is_end").GetBoolean()));
        Assert.Single(events.Select(e => e.GetProperty("id").GetString()).Distinct());
        Assert.All(events, e =>
        {
            Assert.Equal("chat.completion", e.GetProperty("object").GetString());
            Assert.False(e.GetProperty("is_truncated").GetBoolean());
            Assert.False(e.GetProperty("need_clear_history").GetBoolean());
            Assert.True(e.GetProperty("created").GetInt64() > 0);
        });
    }

    [Fact]
    public async Task Stream_OnlyTheLastEventCarriesTheFinalUsage()
    {
        await using var session = await EmulatorSession.StartAsync();

        var events = await session.StreamAsync("你好");
        var sync = await session.ChatAsync(EmulatorSession.UserBody("你好"));

        Assert.All(events.SkipLast(1), e => Assert.Equal(0, e.GetProperty("usage").GetProperty("completion_tokens").GetInt32()));
        Assert.Equal(sync.GetProperty("usage").ToString(), events[^1].GetProperty("usage").ToString());
    }

    [Fact]
    public async Task Stream_PiecesJoinToTheSyncResult()
    {
        await using var session = await EmulatorSession.StartAsync();
        const string Question = "Hello there. How are you? Fine!";

        var events = await session.StreamAsync(Question);
        var sync = await session.ChatAsync(EmulatorSession.UserBody(Question));

        Assert.True(events.Count > 3);
        Assert.Equal(sync.GetProperty("result").GetString(), string.Concat(events.Select(e => e.GetProperty("result").GetString())));
    }

    [Fact]
    public async Task Stream_WireFormatIsDataLinesSeparatedByBlankLines()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.PostChatAsync(EmulatorSession.StreamBody("你好"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var blocks = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, blocks.Length);
        Assert.All(blocks, block => Assert.StartsWith("data: {", block, StringComparison.Ordinal));
        Assert.EndsWith("}\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_EachSentenceIsFlushedBeforeTheNextIsWritten()
    {
        await using var session = await EmulatorSession.StartAsync();
        var hold = session.Scenarios.HoldNextStreamAfterFirstChunk();

        using var response = await session.PostChatStreamingAsync(EmulatorSession.StreamBody("你好"));
        await using var stream = await response.Content.ReadAsStreamAsync();
        await using var items = SseParser.Create(stream).EnumerateAsync().GetAsyncEnumerator();

        // Piece 0 arrives while the emulator is still holding piece 1 back.
        Assert.True(await items.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(hold.FirstChunkSent.IsCompleted);
        Assert.False(hold.IsReleased);
        Assert.Equal(0, JsonDocument.Parse(items.Current.Data).RootElement.GetProperty("sentence_id").GetInt32());

        var next = items.MoveNextAsync().AsTask();
        await Task.Delay(100);
        Assert.False(next.IsCompleted);

        hold.Release();
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, JsonDocument.Parse(items.Current.Data).RootElement.GetProperty("sentence_id").GetInt32());
        Assert.True(await items.MoveNextAsync());
        Assert.False(await items.MoveNextAsync());
    }

    [Fact]
    public async Task Stream_SentenceDelaySpacesThePieces()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Scenarios.StreamSentenceDelay = TimeSpan.FromMilliseconds(150);

        using var response = await session.PostChatStreamingAsync(EmulatorSession.StreamBody("你好"));
        await using var stream = await response.Content.ReadAsStreamAsync();
        var arrivals = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        await foreach (var _ in SseParser.Create(stream).EnumerateAsync())
        {
            arrivals.Add(clock.Elapsed);
        }

        Assert.Equal(3, arrivals.Count);
        Assert.True(arrivals[1] - arrivals[0] >= TimeSpan.FromMilliseconds(100), $"{arrivals[0]} → {arrivals[1]}");
        Assert.True(arrivals[2] - arrivals[1] >= TimeSpan.FromMilliseconds(100), $"{arrivals[1]} → {arrivals[2]}");
    }

    [Fact]
    public async Task Stream_ReplyFactoryTextIsSplitAfterSentenceMarks()
    {
        var options = new Qianfan.Sdk.Emulator.QianfanEmulatorOptions { ReplyFactory = _ => "一。二！三？四；五\n六. Seven! End" };
        await using var session = await EmulatorSession.StartAsync(options);

        var events = await session.StreamAsync("x");

        Assert.Equal(["一。", "二！", "三？", "四；", "五\n", "六.", " Seven!", " End"], events.Select(e => e.GetProperty("result").GetString()));
        Assert.True(events[^1].GetProperty("is_end").GetBoolean());
    }
}
