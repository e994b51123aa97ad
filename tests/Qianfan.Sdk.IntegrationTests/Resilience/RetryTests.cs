using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Errors;
using static Qianfan.Sdk.IntegrationTests.Resilience.ResilienceHarness;

namespace Qianfan.Sdk.IntegrationTests.Resilience;

public sealed class RetryTests
{
    [Theory]
    [InlineData(QianfanErrorCodes.QpsLimitReached)]
    [InlineData(QianfanErrorCodes.TpmLimitReached)]
    [InlineData(QianfanErrorCodes.RpmLimitReached)]
    [InlineData(QianfanErrorCodes.ServerHighLoad)]
    public async Task RetryableErrorOnce_CallSucceedsOnTheSecondAttempt(int errorCode)
    {
        await using var harness = await StartAsync();
        harness.Emulator.Scenarios.FailNextChatCalls(1, errorCode);

        var reply = await harness.Client.Chat.CompleteAsync(Ask("重试一次"));

        Assert.Contains("重试一次", reply.Result, StringComparison.Ordinal);
        Assert.Equal(2, harness.ChatAttempts);
    }

    [Fact]
    public async Task Http503Twice_CallSucceedsOnTheThirdAttempt()
    {
        await using var harness = await StartAsync();
        harness.Emulator.Scenarios.RespondToNextChatCallsWithStatus(2, 503);

        var reply = await harness.Client.Chat.CompleteAsync(Ask("503两次"));

        Assert.Contains("503两次", reply.Result, StringComparison.Ordinal);
        Assert.Equal(3, harness.ChatAttempts);
    }

    [Fact]
    public async Task ConnectionReset_CallSucceedsOnTheSecondAttempt()
    {
        await using var harness = await StartAsync();
        harness.Emulator.Scenarios.ResetNextChatConnections(1);

        var reply = await harness.Client.Chat.CompleteAsync(Ask("连接被重置"));

        Assert.Contains("连接被重置", reply.Result, StringComparison.Ordinal);
        Assert.Equal(2, harness.ChatAttempts);
    }

    [Fact]
    public async Task AttemptPastThePerAttemptTimeout_IsAbandonedAndRetried()
    {
        await using var harness = await StartAsync(o => o.Timeout = TimeSpan.FromSeconds(1));
        harness.Emulator.Scenarios.DelayNextChatResponses(1, TimeSpan.FromSeconds(20));

        var reply = await harness.Client.Chat.CompleteAsync(Ask("太慢了"));

        Assert.Contains("太慢了", reply.Result, StringComparison.Ordinal);
        Assert.Equal(2, harness.ChatAttempts);
    }

    [Theory]
    [InlineData(QianfanErrorCodes.InvalidParam)]
    [InlineData(QianfanErrorCodes.DailyLimitReached)]
    [InlineData(QianfanErrorCodes.UnknownError)]
    public async Task NonRetryableError_IsSurfacedAfterExactlyOneAttempt(int errorCode)
    {
        await using var harness = await StartAsync();
        harness.Emulator.Scenarios.FailNextChatCalls(5, errorCode);

        var error = await Assert.ThrowsAsync<QianfanException>(() => harness.Client.Chat.CompleteAsync(Ask("不重试")));

        Assert.Equal(errorCode, error.ErrorCode);
        Assert.Equal(1, harness.ChatAttempts);
    }

    [Fact]
    public async Task WrongCredentials_AreNeverRetried()
    {
        await using var harness = await StartAsync(credentials: c => c.SecretKey = "wrong-secret");

        var error = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => harness.Client.Chat.CompleteAsync(Ask("hi")));

        Assert.Equal("invalid_client", error.Error);
        Assert.Single(harness.Emulator.Requests, r => r.IsTokenRequest);
        Assert.Equal(0, harness.ChatAttempts);
    }

    [Fact]
    public async Task ExpiredToken_IsRefreshedAndRepeatedExactlyOnce()
    {
        await using var harness = await StartAsync();
        await harness.Client.Chat.CompleteAsync(Ask("第一次"));
        harness.Emulator.Scenarios.ExpireAllTokens();

        var reply = await harness.Client.Chat.CompleteAsync(Ask("第二次"));

        Assert.Contains("第二次", reply.Result, StringComparison.Ordinal);
        Assert.Equal(2, harness.Emulator.Requests.Count(r => r.IsTokenRequest));
        Assert.Equal(3, harness.ChatAttempts);
    }

    [Fact]
    public async Task RetriesSpent_SurfaceTheLastError()
    {
        await using var harness = await StartAsync(o => o.Retry.MaxRetries = 2);
        harness.Emulator.Scenarios.FailNextChatCalls(10, QianfanErrorCodes.QpsLimitReached);

        var error = await Assert.ThrowsAsync<QianfanException>(() => harness.Client.Chat.CompleteAsync(Ask("一直限流")));

        Assert.Equal(QianfanErrorCodes.QpsLimitReached, error.ErrorCode);
        Assert.True(error.IsRetryable);
        Assert.Equal(3, harness.ChatAttempts);
    }

    [Fact]
    public async Task RetriesDisabled_MeansOneAttempt()
    {
        await using var harness = await StartAsync(o => o.Retry.MaxRetries = 0);
        harness.Emulator.Scenarios.FailNextChatCalls(1, QianfanErrorCodes.QpsLimitReached);

        var error = await Assert.ThrowsAsync<QianfanException>(() => harness.Client.Chat.CompleteAsync(Ask("不重试")));

        Assert.Equal(QianfanErrorCodes.QpsLimitReached, error.ErrorCode);
        Assert.Equal(1, harness.ChatAttempts);
    }

    [Fact]
    public async Task OverallTimeout_EndsTheRetriesWithATimeoutException()
    {
        await using var harness = await StartAsync(o =>
        {
            o.Retry.MaxRetries = 1000;
            o.Retry.OverallTimeout = TimeSpan.FromSeconds(1);
        });
        // A first call warms the token and the connection, so a loaded machine spends the budget on retries.
        await harness.Client.Chat.CompleteAsync(Ask("预热"));
        var attemptsBefore = harness.ChatAttempts;
        harness.Emulator.Scenarios.RespondToNextChatCallsWithStatus(100_000, 503);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => harness.Client.Chat.CompleteAsync(Ask("超时")));

        Assert.Contains("overall timeout", error.Message, StringComparison.Ordinal);
        Assert.True(harness.ChatAttempts - attemptsBefore > 1, $"{harness.ChatAttempts - attemptsBefore} attempts in the budget");
    }

    [Fact]
    public async Task Cancellation_WinsAtOnceOverASlowAttempt()
    {
        await using var harness = await StartAsync();
        harness.Emulator.Scenarios.DelayNextChatResponses(1, TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var call = harness.Client.Chat.CompleteAsync(Ask("取消"), cancellation.Token);

        // The guard only keeps a broken build from hanging the run; it is not a timing assertion.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(1, harness.ChatAttempts);
    }

    [Fact]
    public async Task Cancellation_WinsAtOnceDuringABackoffWait()
    {
        await using var harness = await StartAsync(o =>
        {
            o.Retry.BaseDelay = TimeSpan.FromSeconds(30);
            o.Retry.MaxDelay = TimeSpan.FromSeconds(60);
        });
        harness.Emulator.Scenarios.FailNextChatCalls(1, QianfanErrorCodes.QpsLimitReached);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var call = harness.Client.Chat.CompleteAsync(Ask("退避中取消"), cancellation.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(1, harness.ChatAttempts);
    }

    [Fact]
    public async Task StreamErrorAtStart_IsRetried()
    {
        await using var harness = await StartAsync();
        harness.Emulator.Scenarios.FailNextStreamsAtStart(1, QianfanErrorCodes.QpsLimitReached);

        var text = string.Concat(await harness.Client.Chat.StreamAsync(Ask("流式重试")).Select(c => c.Result).ToListAsync());

        Assert.Contains("流式重试", text, StringComparison.Ordinal);
        Assert.Equal(2, harness.ChatAttempts);
    }

    [Fact]
    public async Task StreamCutBeforeItsFirstChunk_IsRetried()
    {
        await using var harness = await StartAsync();
        harness.Emulator.Scenarios.CutNextStreams(1, afterSentences: 0);

        var chunks = await harness.Client.Chat.StreamAsync(Ask("还没开始就断了")).ToListAsync();

        Assert.True(chunks[^1].IsEnd);
        Assert.Equal(2, harness.ChatAttempts);
    }

    [Fact]
    public async Task StreamCutAfterItsFirstChunk_IsNeverRetried()
    {
        await using var harness = await StartAsync();
        harness.Emulator.Scenarios.CutNextStreams(1, afterSentences: 1);
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<QianfanStreamEndedException>(async () =>
        {
            await foreach (var chunk in harness.Client.Chat.StreamAsync(Ask("说到一半断了")))
            {
                received.Add(chunk.Result);
            }
        });

        Assert.Single(received);
        Assert.Equal(1, error.ChunksReceived);
        Assert.False(error.IsRetryable);
        Assert.Equal(1, harness.ChatAttempts);
    }

    [Fact]
    public async Task EveryRetry_IsLoggedAtInformationWithTheCodeAndTheWait()
    {
        await using var harness = await StartAsync();
        harness.Emulator.Scenarios.FailNextChatCalls(2, QianfanErrorCodes.ServerHighLoad);

        await harness.Client.Chat.CompleteAsync(Ask("记录重试"));

        var retries = harness.Logs.GetSnapshot().Where(l => l.Message.StartsWith("Retrying chat/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, retries.Count);
        Assert.All(retries, l =>
        {
            Assert.Equal(LogLevel.Information, l.Level);
            Assert.Contains("after 336100", l.Message, StringComparison.Ordinal);
            Assert.Matches(@"in \d+ ms", l.Message);
        });
    }
}

/// <summary>The retry counter is process-wide, so its test runs alone.</summary>
[CollectionDefinition(nameof(RetryMetricTests), DisableParallelization = true)]
public sealed class RetryMetricTestGroup;

[Collection(nameof(RetryMetricTests))]
public sealed class RetryMetricTests
{
    [Fact]
    public async Task EveryRetry_IsCountedOnTheQianfanSdkMeter()
    {
        await using var harness = await StartAsync();
        long counted = 0;
        var types = new List<string?>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Qianfan.Sdk" && instrument.Name == "qianfan.client.retries")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            Interlocked.Add(ref counted, value);
            foreach (var tag in tags)
            {
                if (tag.Key == "error.type")
                {
                    lock (types)
                    {
                        types.Add(tag.Value as string);
                    }
                }
            }
        });
        listener.Start();
        harness.Emulator.Scenarios.RespondToNextChatCallsWithStatus(2, 503);

        await harness.Client.Chat.CompleteAsync(Ask("计数"));

        Assert.Equal(2, Interlocked.Read(ref counted));
        Assert.Equal(["503", "503"], types);
    }
}
