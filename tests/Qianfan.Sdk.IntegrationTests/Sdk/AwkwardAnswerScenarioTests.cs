using System.Net;
using Microsoft.Extensions.Time.Testing;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.IntegrationTests.EmulatorV2;

namespace Qianfan.Sdk.IntegrationTests.Sdk;

/// <summary>
/// The emulator's scenarios for answers that are awkward to read, and how the SDK takes each: a bare usage tail,
/// a body whose compression does not decode (retried), error bodies of odd shapes (errors with their code, retried
/// when the code says so), and a stream that goes silent after its first chunk (the idle timeout, never retried).
/// </summary>
public sealed class AwkwardAnswerScenarioTests
{
    [Fact]
    public async Task ABareUsageTail_IsTheStreamsLastChunk_WithNoAnswerAndNoError()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = Client(emu, retries: false);
        emu.Scenarios.EndNextStreamsWithABareUsageChunk(2);

        var chunks = await client.ChatCompletions.StreamAsync(SdkHarness.AskV2("你好")).ToListAsync();
        var folded = await client.ChatCompletions.StreamAsync(SdkHarness.AskV2("你好")).ToCompletionAsync();

        var tail = chunks[^1];
        Assert.Null(tail.Id);
        Assert.Empty(tail.Choices);
        Assert.Equal("", tail.ContentDelta);
        Assert.Null(tail.FinishReason);
        Assert.True(tail.Usage!.TotalTokens > 0);
        Assert.Equal(SdkHarness.DefaultReply("你好"), string.Concat(chunks.Select(c => c.ContentDelta)));
        Assert.Equal(SdkHarness.DefaultReply("你好"), folded.Content);
        Assert.Equal(tail.Usage, folded.Usage);
    }

    [Fact]
    public async Task ABareUsageTail_OnTheWire_IsUsageAndNothingElse()
    {
        await using var session = await V2Session.StartAsync();
        session.Scenarios.EndNextStreamsWithABareUsageChunk(1);

        var events = await session.StreamAsync(V2Session.UserBody("你好", ""","stream":true"""));

        Assert.Equal("[DONE]", events[^1]);
        Assert.Equal(["usage"], V2Session.Parse(events[^2]).EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task ACorruptCompressedBody_IsAnHttpRequestException_AndRetried(string encoding)
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var once = Client(emu, retries: false);
        using var retrying = Client(emu, retries: true);
        await once.Chat.CompleteAsync(SdkHarness.Ask("warm up"));

        emu.Scenarios.CorruptNextChatBodies(1, encoding);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => once.Chat.CompleteAsync(SdkHarness.Ask("你好")));
        emu.Scenarios.CorruptNextChatBodies(1, encoding);
        var reply = await retrying.Chat.CompleteAsync(SdkHarness.Ask("你好"));
        emu.Scenarios.CorruptNextChatBodies(1, encoding);
        var streamed = await retrying.ChatCompletions.StreamAsync(SdkHarness.AskV2("你好")).ToCompletionAsync();

        Assert.Equal(HttpRequestError.InvalidResponse, error.HttpRequestError);
        Assert.Equal(SdkHarness.DefaultReply("你好"), reply.Result);
        Assert.Equal(SdkHarness.DefaultReply("你好"), streamed.Content);
        Assert.Equal(2, emu.V2ChatRequests().Count);
    }

    [Theory]
    [InlineData(OddErrorBody.CodeAsString)]
    [InlineData(OddErrorBody.CodeAsFloat)]
    [InlineData(OddErrorBody.MessageNotAString)]
    public async Task OddV1ErrorBodies_AreErrorsWithTheirCode_AndRetriedWhenItSaysSo(OddErrorBody shape)
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var once = Client(emu, retries: false);
        using var retrying = Client(emu, retries: true);

        emu.Scenarios.FailNextChatCallsWithOddBody(1, shape, QianfanErrorCodes.ServerHighLoad);
        var error = await Assert.ThrowsAsync<QianfanException>(() => once.Chat.CompleteAsync(SdkHarness.Ask("你好")));
        emu.Scenarios.FailNextChatCallsWithOddBody(1, shape, QianfanErrorCodes.ServerHighLoad);
        var v2Error = await Assert.ThrowsAsync<QianfanException>(() => once.ChatCompletions.CompleteAsync(SdkHarness.AskV2("你好")));
        emu.Scenarios.FailNextChatCallsWithOddBody(1, shape, QianfanErrorCodes.ServerHighLoad);
        var reply = await retrying.Chat.CompleteAsync(SdkHarness.Ask("你好"));

        Assert.Equal(QianfanErrorCodes.ServerHighLoad, error.ErrorCode);
        Assert.Equal(QianfanErrorCodes.ServerHighLoad, v2Error.ErrorCode);
        Assert.True(error.IsRetryable);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(shape == OddErrorBody.MessageNotAString ? "336100" : "try again later", error.ErrorMessage, ignoreCase: true);
        Assert.Equal(SdkHarness.DefaultReply("你好"), reply.Result);
    }

    [Fact]
    public async Task OddErrorBodiesWithoutANumericCode_AreErrorsStill()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = Client(emu, retries: true);

        emu.Scenarios.FailNextChatCallsWithOddBody(1, OddErrorBody.MessageWithoutCode, errorMessage: "没有错误码的错误");
        var noCode = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(SdkHarness.Ask("你好")));
        emu.Scenarios.FailNextChatCallsWithOddBody(1, OddErrorBody.V2ErrorString, errorMessage: "rate limited");
        var text = await Assert.ThrowsAsync<QianfanException>(() => client.ChatCompletions.CompleteAsync(SdkHarness.AskV2("你好")));
        emu.Scenarios.FailNextChatCallsWithOddBody(1, OddErrorBody.V2ErrorObject, QianfanErrorCodes.RpmLimitReached);
        var reply = await client.ChatCompletions.CompleteAsync(SdkHarness.AskV2("你好")); // rpm_rate_limit_exceeded in an HTTP 200: retried

        Assert.Null(noCode.ErrorCode);
        Assert.Equal("没有错误码的错误", noCode.ErrorMessage);
        Assert.Equal("rate limited", text.ErrorMessage);
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        Assert.Equal(SdkHarness.DefaultReply("你好"), reply.Content);
        Assert.Equal(3, emu.V2ChatRequests().Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AStreamThatGoesSilentAfterItsFirstChunk_EndsAtTheIdleTimeout_NeverRetried(bool v2)
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        var clock = new FakeTimeProvider();
        var options = SdkHarness.Options(emu);
        options.V2BaseUrl = emu.BaseUri;
        options.StreamIdleTimeout = TimeSpan.FromSeconds(15);
        using var client = new QianfanClient(new QianfanCredentials { ApiKey = emu.ApiKey, SecretKey = emu.SecretKey, V2ApiKey = emu.V2ApiKey }, options, timeProvider: clock);
        emu.Scenarios.SilenceNextStreamsAfterFirstChunk(1);

        var received = new List<string>();
        var reading = Task.Run(async () =>
        {
            if (v2)
            {
                await foreach (var chunk in client.ChatCompletions.StreamAsync(SdkHarness.AskV2("你好")))
                {
                    received.Add(chunk.ContentDelta);
                }
            }
            else
            {
                await foreach (var chunk in client.Chat.StreamAsync(SdkHarness.Ask("你好")))
                {
                    received.Add(chunk.Result);
                }
            }
        });
        await SdkHarness.WaitUntilAsync(() => received.Count == 1);
        var guard = DateTime.UtcNow + SdkHarness.Soon;
        while (!reading.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < guard, "the silent stream never timed out");
            clock.Advance(TimeSpan.FromSeconds(5));
            await Task.WhenAny(reading, Task.Delay(20));
        }

        var error = await Assert.ThrowsAsync<TimeoutException>(() => reading);
        Assert.Equal("The stream sent nothing for 15 s after 1 chunk(s) (the stream idle timeout).", error.Message);
        Assert.Equal(["这是千帆模拟器的回答。"], received);
        Assert.Single(emu.Requests, r => r.IsChat || r.IsV2Chat);
    }

    /// <summary>A client for V1 and V2 on <paramref name="emu"/>, with quick retries or none.</summary>
    private static QianfanClient Client(QianfanEmulator emu, bool retries)
    {
        var options = SdkHarness.Options(emu, singleAttempt: !retries);
        options.V2BaseUrl = emu.BaseUri;
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(5);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        return new QianfanClient(new QianfanCredentials { ApiKey = emu.ApiKey, SecretKey = emu.SecretKey, V2ApiKey = emu.V2ApiKey }, options);
    }
}
