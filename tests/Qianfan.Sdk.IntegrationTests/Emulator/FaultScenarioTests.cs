using System.Diagnostics;
using System.Net;
using System.Net.ServerSentEvents;
using System.Text;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

public sealed class FaultScenarioTests
{
    [Fact]
    public async Task FailNextChatCalls_AnswersTheCodeNTimesThenRecovers()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        session.Scenarios.FailNextChatCalls(2, 336100);

        var one = await session.ChatAsync(EmulatorSession.UserBody("1"), token: token);
        var two = await session.ChatAsync(EmulatorSession.UserBody("2"), token: token);
        var three = await session.ChatAsync(EmulatorSession.UserBody("3"), token: token);

        EmulatorSession.AssertError(one, 336100, "try again later");
        EmulatorSession.AssertError(two, 336100, "try again later");
        Assert.True(three.TryGetProperty("result", out _));
    }

    [Theory]
    [InlineData(2, "Service temporarily unavailable")]
    [InlineData(18, "Open api qps request limit reached")]
    [InlineData(336501, "Rpm limit reached")]
    [InlineData(336502, "Tpm limit reached")]
    [InlineData(15, "app not exsits or create failed")]
    public async Task FailNextChatCalls_UsesTheServiceMessageForTheCode(int code, string message)
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Scenarios.FailNextChatCalls(1, code);

        var body = await session.ChatAsync(EmulatorSession.UserBody("hi"));

        EmulatorSession.AssertError(body, code, message);
    }

    [Fact]
    public async Task FailNextChatCalls_TakesACustomMessage_AndZeroDisarms()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        session.Scenarios.FailNextChatCalls(1, 336000, "model crashed");
        var custom = await session.ChatAsync(EmulatorSession.UserBody("hi"), token: token);
        session.Scenarios.FailNextChatCalls(5, 336000);
        session.Scenarios.FailNextChatCalls(0, 336000);
        var disarmed = await session.ChatAsync(EmulatorSession.UserBody("hi"), token: token);

        EmulatorSession.AssertError(custom, 336000, "model crashed");
        Assert.True(disarmed.TryGetProperty("result", out _));
    }

    [Fact]
    public async Task FailNextChatCalls_IsNotTakenByCallsTheServiceRejectsFirst()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Scenarios.FailNextChatCalls(1, 336100);

        var badToken = await session.ChatAsync(EmulatorSession.UserBody("hi"), token: "nope");
        var failed = await session.ChatAsync(EmulatorSession.UserBody("hi"));

        EmulatorSession.AssertError(badToken, 110);
        EmulatorSession.AssertError(failed, 336100);
    }

    [Fact]
    public async Task RespondWithStatus_GivesTheRawHttpStatusAndBody()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        session.Scenarios.RespondToNextChatCallsWithStatus(1, 503);
        session.Scenarios.RespondToNextChatCallsWithStatus(1, 503);

        using var failed = await session.PostChatAsync(EmulatorSession.UserBody("hi"), token: token);
        var html = await failed.Content.ReadAsStringAsync();
        using var recovered = await session.PostChatAsync(EmulatorSession.UserBody("hi"), token: token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("text/html", failed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("503 Service Unavailable", html, StringComparison.Ordinal);
        Assert.False(failed.Headers.Contains("X-Ratelimit-Limit-Requests"));
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task RespondWithStatus_TakesACustomBodyAndContentType()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Scenarios.RespondToNextChatCallsWithStatus(1, 429, "slow down", "text/plain");

        using var response = await session.PostChatAsync(EmulatorSession.UserBody("hi"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("slow down", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ResetNextChatConnections_AbortsWithoutResponse_ButRecordsTheRequest()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        session.Scenarios.ResetNextChatConnections(1);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => session.PostChatAsync(EmulatorSession.UserBody("lost"), token: token));
        var after = await session.ChatAsync(EmulatorSession.UserBody("hi"), token: token);

        Assert.NotNull(failure);
        Assert.True(after.TryGetProperty("result", out _));
        var chats = session.Emulator.Requests.Where(r => r.IsChat).ToList();
        Assert.Equal(2, chats.Count);
        Assert.Contains("lost", chats[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DelayNextChatResponses_SlowsOnlyTheNextN()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        // A delay far above a loaded machine's call time, so the undelayed call cannot reach it by accident.
        session.Scenarios.DelayNextChatResponses(1, TimeSpan.FromMilliseconds(1500));

        var slow = Stopwatch.StartNew();
        var delayed = await session.ChatAsync(EmulatorSession.UserBody("hi"), token: token);
        slow.Stop();
        var fast = Stopwatch.StartNew();
        await session.ChatAsync(EmulatorSession.UserBody("hi"), token: token);
        fast.Stop();

        Assert.True(delayed.TryGetProperty("result", out _));
        Assert.True(slow.Elapsed >= TimeSpan.FromMilliseconds(1400), slow.Elapsed.ToString());
        Assert.True(fast.Elapsed < TimeSpan.FromMilliseconds(1400), fast.Elapsed.ToString());
    }

    [Fact]
    public async Task DelayNextChatResponses_LetsAClientTimeOut()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        session.Scenarios.DelayNextChatResponses(1, TimeSpan.FromSeconds(30));
        using var impatient = new HttpClient { BaseAddress = session.Emulator.BaseUri, Timeout = TimeSpan.FromMilliseconds(200) };

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.PostAsync(
            $"{EmulatorSession.ChatPath}ernie-lite-8k?access_token={token}",
            new StringContent(EmulatorSession.UserBody("hi"), Encoding.UTF8, "application/json")));
        var retry = await session.ChatAsync(EmulatorSession.UserBody("hi"), token: token);

        Assert.True(retry.TryGetProperty("result", out _));
    }

    [Fact]
    public async Task DelayNextTokenResponses_SlowsTheTokenExchange()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Scenarios.DelayNextTokenResponses(1, TimeSpan.FromMilliseconds(300));

        var clock = Stopwatch.StartNew();
        var token = await session.GetTokenAsync();

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), clock.Elapsed.ToString());
        Assert.StartsWith("24.", token, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CutNextStreams_EndsAfterKSentencesWithoutIsEnd()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        session.Scenarios.CutNextStreams(1, afterSentences: 1);

        var cut = await session.StreamAsync("你好", token: token);
        var whole = await session.StreamAsync("你好", token: token);

        var only = Assert.Single(cut);
        Assert.False(only.GetProperty("is_end").GetBoolean());
        Assert.Equal(0, only.GetProperty("sentence_id").GetInt32());
        Assert.Equal(3, whole.Count);
        Assert.True(whole[^1].GetProperty("is_end").GetBoolean());
    }

    [Fact]
    public async Task CutNextStreams_NeverSendsTheLastPiece_AndZeroSentencesSendsNone()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        session.Scenarios.CutNextStreams(1, afterSentences: 10);
        var mostly = await session.StreamAsync("你好", token: token);
        session.Scenarios.CutNextStreams(1, afterSentences: 0);
        var nothing = await session.StreamAsync("你好", token: token);

        Assert.Equal(2, mostly.Count);
        Assert.All(mostly, e => Assert.False(e.GetProperty("is_end").GetBoolean()));
        Assert.Empty(nothing);
    }

    [Fact]
    public async Task CutNextStreams_IsNotTakenBySyncCalls()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        session.Scenarios.CutNextStreams(1, afterSentences: 1);

        var sync = await session.ChatAsync(EmulatorSession.UserBody("你好"), token: token);
        var cut = await session.StreamAsync("你好", token: token);

        Assert.Equal("这是千帆模拟器的回答。你说的是：你好。祝你一切顺利！", sync.GetProperty("result").GetString());
        Assert.Single(cut);
    }

    [Fact]
    public async Task FailNextStreamsAtStart_SendsAPlainJsonErrorInsteadOfEvents()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        session.Scenarios.FailNextStreamsAtStart(1, 336100);

        var sync = await session.ChatAsync(EmulatorSession.UserBody("hi"), token: token);
        using var failed = await session.PostChatAsync(EmulatorSession.StreamBody("hi"), token: token);
        var failedBody = await EmulatorSession.ReadJsonAsync(failed);
        var next = await session.StreamAsync("hi", token: token);

        Assert.True(sync.TryGetProperty("result", out _));
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Equal("application/json", failed.Content.Headers.ContentType?.MediaType);
        EmulatorSession.AssertError(failedBody, 336100, "try again later");
        Assert.Equal(3, next.Count);
    }

    [Fact]
    public async Task ClearHistoryTrigger_AnswersNeedClearHistoryWithBanRound()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        session.Scenarios.ClearHistoryTrigger = "敏感词";

        var flagged = await session.ChatAsync(EmulatorSession.UserBody("这里有敏感词吗"), token: token);
        var clean = await session.ChatAsync(EmulatorSession.UserBody("这里没有"), token: token);

        Assert.True(flagged.GetProperty("need_clear_history").GetBoolean());
        Assert.Equal(-1, flagged.GetProperty("ban_round").GetInt32());
        Assert.Equal(string.Empty, flagged.GetProperty("result").GetString());
        Assert.Equal(0, flagged.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.False(clean.GetProperty("need_clear_history").GetBoolean());
        Assert.False(clean.TryGetProperty("ban_round", out _));
    }

    [Fact]
    public async Task ClearHistoryOnNextChatCalls_FlagsTheNextN_InStreamsToo()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        session.Scenarios.ClearHistoryOnNextChatCalls(1);

        var flagged = await session.StreamAsync("hi", token: token);
        var normal = await session.StreamAsync("hi", token: token);

        var only = Assert.Single(flagged);
        Assert.True(only.GetProperty("need_clear_history").GetBoolean());
        Assert.Equal(-1, only.GetProperty("ban_round").GetInt32());
        Assert.True(only.GetProperty("is_end").GetBoolean());
        Assert.All(normal, e => Assert.False(e.GetProperty("need_clear_history").GetBoolean()));
    }

    [Fact]
    public async Task HoldNextStream_ReleasesWhenTheEmulatorStops()
    {
        var session = await EmulatorSession.StartAsync();
        var hold = session.Scenarios.HoldNextStreamAfterFirstChunk();
        var token = await session.GetTokenAsync();
        using var response = await session.PostChatStreamingAsync(EmulatorSession.StreamBody("hi"), token: token);
        await hold.FirstChunkSent.WaitAsync(TimeSpan.FromSeconds(5));

        var stopping = Stopwatch.StartNew();
        await session.DisposeAsync();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(3), stopping.Elapsed.ToString());
        Assert.True(hold.IsReleased);
    }

    [Fact]
    public async Task Reset_DisarmsEveryScenario()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        var scenarios = session.Scenarios;
        scenarios.FailNextChatCalls(3, 2);
        scenarios.RespondToNextChatCallsWithStatus(3, 500);
        scenarios.ResetNextChatConnections(3);
        scenarios.DelayNextChatResponses(3, TimeSpan.FromSeconds(10));
        scenarios.CutNextStreams(3, 0);
        scenarios.FailNextStreamsAtStart(3, 2);
        scenarios.ClearHistoryOnNextChatCalls(3);
        scenarios.ClearHistoryTrigger = "x";
        scenarios.RpmLimit = 1;
        scenarios.QpsLimit = 1;
        scenarios.TpmLimit = 1;
        scenarios.ExpireTokensAfterCalls = 0;
        scenarios.StreamSentenceDelay = TimeSpan.FromSeconds(10);

        scenarios.Reset();
        var events = await session.StreamAsync("x", token: token);
        var sync = await session.ChatAsync(EmulatorSession.UserBody("x"), token: token);

        Assert.Equal(3, events.Count);
        Assert.False(sync.GetProperty("need_clear_history").GetBoolean());
        Assert.Null(scenarios.RpmLimit);
        Assert.Equal(TimeSpan.Zero, scenarios.StreamSentenceDelay);
    }

    [Fact]
    public async Task Scenarios_RejectNonsense()
    {
        await using var session = await EmulatorSession.StartAsync();
        var scenarios = session.Scenarios;

        Assert.Throws<ArgumentOutOfRangeException>(() => scenarios.FailNextChatCalls(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => scenarios.RespondToNextChatCallsWithStatus(1, 99));
        Assert.Throws<ArgumentOutOfRangeException>(() => scenarios.DelayNextChatResponses(1, TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => scenarios.CutNextStreams(1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => scenarios.RpmLimit = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => scenarios.StreamSentenceDelay = TimeSpan.FromSeconds(-1));
    }

    [Fact]
    public async Task Scenarios_StreamReadingWithSseParserSeesTheCut()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Scenarios.CutNextStreams(1, 2);

        using var response = await session.PostChatStreamingAsync(EmulatorSession.StreamBody("你好"));
        await using var stream = await response.Content.ReadAsStreamAsync();
        var sawEnd = false;
        var count = 0;
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            count++;
            sawEnd |= item.Data.Contains("\"is_end\":true", StringComparison.Ordinal);
        }

        Assert.Equal(2, count);
        Assert.False(sawEnd);
    }
}
