using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.EmulatorV2;

/// <summary><c>POST /v2/chat/completions</c> with <c>stream: true</c>: <c>chat.completion.chunk</c> events, then <c>[DONE]</c>.</summary>
public sealed class V2ChatStreamTests
{
    private static readonly string[] Pieces = ["这是千帆模拟器的回答。", "你说的是：你好。", "祝你一切顺利！"];

    [Fact]
    public async Task Stream_SendsOneChunkPerSentenceThenDone()
    {
        var clock = V2Session.Clock();
        await using var session = await V2Session.StartAsync(new QianfanEmulatorOptions { TimeProvider = clock });

        var events = await session.StreamAsync(V2Session.UserBody("你好", ""","stream":true"""));

        Assert.Equal(4, events.Count);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(V2Session.Parse).ToList();
        var id = chunks[0].GetProperty("id").GetString();
        Assert.Matches("^as-[a-z0-9]{10}$", id);
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            Assert.Equal(["id", "object", "created", "model", "choices"], chunk.EnumerateObject().Select(p => p.Name));
            Assert.Equal(id, chunk.GetProperty("id").GetString());
            Assert.Equal("chat.completion.chunk", chunk.GetProperty("object").GetString());
            Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), chunk.GetProperty("created").GetInt64());
            Assert.Equal("ernie-lite-8k", chunk.GetProperty("model").GetString());

            var choice = Assert.Single(chunk.GetProperty("choices").EnumerateArray());
            Assert.Equal(["index", "delta", "finish_reason"], choice.EnumerateObject().Select(p => p.Name));
            Assert.Equal(0, choice.GetProperty("index").GetInt32());
            var delta = choice.GetProperty("delta");
            Assert.Equal(i == 0 ? ["role", "content"] : ["content"], delta.EnumerateObject().Select(p => p.Name));
            Assert.Equal(Pieces[i], delta.GetProperty("content").GetString());
            if (i == 0)
            {
                Assert.Equal("assistant", delta.GetProperty("role").GetString());
            }

            var finish = choice.GetProperty("finish_reason");
            if (i == chunks.Count - 1)
            {
                Assert.Equal("stop", finish.GetString());
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, finish.ValueKind);
            }
        }
    }

    [Fact]
    public async Task IncludeUsage_AddsAUsageChunkBeforeDone()
    {
        await using var session = await V2Session.StartAsync();

        var events = await session.StreamAsync(V2Session.UserBody("你好", ""","stream":true,"stream_options":{"include_usage":true}"""));

        Assert.Equal(5, events.Count);
        Assert.Equal("[DONE]", events[^1]);
        var usageChunk = V2Session.Parse(events[^2]);
        Assert.Equal(["id", "object", "created", "model", "choices", "usage"], usageChunk.EnumerateObject().Select(p => p.Name));
        Assert.Equal("chat.completion.chunk", usageChunk.GetProperty("object").GetString());
        Assert.Equal(0, usageChunk.GetProperty("choices").GetArrayLength());
        var usage = usageChunk.GetProperty("usage");
        Assert.Equal(1, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(13, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(14, usage.GetProperty("total_tokens").GetInt32());
        Assert.All(events[..3], e => Assert.False(V2Session.Parse(e).TryGetProperty("usage", out _)));
        Assert.Equal("stop", V2Session.Parse(events[2]).GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task IncludeUsageFalse_SendsNoUsage()
    {
        await using var session = await V2Session.StartAsync();

        var events = await session.StreamAsync(V2Session.UserBody("你好", ""","stream":true,"stream_options":{"include_usage":false}"""));

        Assert.Equal(4, events.Count);
        Assert.All(events[..^1], e => Assert.False(V2Session.Parse(e).TryGetProperty("usage", out _)));
    }

    [Fact]
    public async Task StreamedContent_JoinsToTheSyncAnswer()
    {
        await using var session = await V2Session.StartAsync();

        var sync = await session.ChatAsync(V2Session.UserBody("Hello there. How are you?"));
        var events = await session.StreamAsync(V2Session.UserBody("Hello there. How are you?", ""","stream":true"""));

        var joined = string.Concat(events[..^1].Select(e => V2Session.Parse(e).GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()));
        Assert.Equal(sync.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), joined);
    }

    [Fact]
    public async Task Chunks_AreFlushedOneByOne()
    {
        await using var session = await V2Session.StartAsync();
        var hold = session.Scenarios.HoldNextStreamAfterFirstChunk();

        using var response = await session.PostChatAsync(V2Session.UserBody("你好", ""","stream":true"""), completion: HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream);
        var first = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5));
        await hold.FirstChunkSent.WaitAsync(TimeSpan.FromSeconds(5));
        var stillHeld = !hold.IsReleased;
        hold.Release();
        var rest = await reader.ReadToEndAsync();

        Assert.True(stillHeld);
        Assert.StartsWith("data: {", first, StringComparison.Ordinal);
        Assert.Contains(Pieces[0], first, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CutNextStreams_EndsWithoutFinishOrDone()
    {
        await using var session = await V2Session.StartAsync();
        session.Scenarios.CutNextStreams(1, afterSentences: 1);

        var cut = await session.StreamAsync(V2Session.UserBody("你好", ""","stream":true,"stream_options":{"include_usage":true}"""));
        var whole = await session.StreamAsync(V2Session.UserBody("你好", ""","stream":true"""));

        var only = V2Session.Parse(Assert.Single(cut));
        Assert.Equal(JsonValueKind.Null, only.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind);
        Assert.Equal("[DONE]", whole[^1]);
    }

    [Fact]
    public async Task StreamSentenceDelay_SlowsEveryPieceAfterTheFirst()
    {
        await using var session = await V2Session.StartAsync();
        session.Scenarios.StreamSentenceDelay = TimeSpan.FromMilliseconds(150);

        var watch = Stopwatch.StartNew();
        var events = await session.StreamAsync(V2Session.UserBody("你好", ""","stream":true"""));

        Assert.Equal(4, events.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task ErrorBeforeStreaming_IsAJsonBodyWithItsStatus()
    {
        await using var session = await V2Session.StartAsync();

        using var response = await session.PostChatAsync(V2Session.UserBody("你好", ""","stream":true,"temperature":0"""));
        var body = await V2Session.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        V2Session.AssertError(body, "invalid_argument", "invalid_request_error", "temperature must be in range (0, 1.0]");
    }

    [Fact]
    public async Task FailNextStreamsAtStart_AnswersTheMappedErrorAndSparesSyncCalls()
    {
        await using var session = await V2Session.StartAsync();
        session.Scenarios.FailNextStreamsAtStart(1, 336501);

        var sync = await session.ChatAsync(V2Session.UserBody("你好"));
        using var failed = await session.PostChatAsync(V2Session.UserBody("你好", ""","stream":true"""));
        var events = await session.StreamAsync(V2Session.UserBody("你好", ""","stream":true"""));

        Assert.Equal("chat.completion", sync.GetProperty("object").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, failed.StatusCode);
        V2Session.AssertError(await V2Session.ReadJsonAsync(failed), "rpm_rate_limit_exceeded", "rate_limit_exceeded", "Rate limit reached for RPM");
        Assert.Equal("[DONE]", events[^1]);
    }

    [Fact]
    public async Task ReplyFactory_KnowsItIsAStream()
    {
        var options = new QianfanEmulatorOptions { ReplyFactory = context => context.IsStream ? "流。" : "同步。" };
        await using var session = await V2Session.StartAsync(options);

        var events = await session.StreamAsync(V2Session.UserBody("你好", ""","stream":true"""));

        Assert.Equal("流。", V2Session.Parse(events[0]).GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString());
    }
}
