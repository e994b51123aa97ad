using System.Net;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>The retry pipeline: what is repeated, how often, and what never is. Delays are shrunk to a millisecond.</summary>
public sealed class RetryTests
{
    [Theory]
    [InlineData(336100)]
    [InlineData(18)]
    [InlineData(336501)]
    [InlineData(336502)]
    [InlineData(2)]
    public async Task Complete_RetryableErrorIsRepeatedUntilItSucceeds(int code)
    {
        using var fake = new FakeQianfan();
        fake.RespondToChatInTurn(() => Responses.Error(code), () => Responses.Error(code), () => Responses.Reply("third time"));
        using var client = CreateClient(fake, retries: 3);

        var reply = await client.Chat.CompleteAsync(Ask()).OrHang();

        Assert.Equal("third time", reply.Result);
        Assert.Equal(3, fake.ChatRequests.Count);
        Assert.Single(fake.TokenRequests);
        Assert.All(fake.ChatRequests, r => Assert.Equal(fake.ChatRequests[0].Body, r.Body));
    }

    [Fact]
    public async Task Complete_RetriesStopAfterMaxRetriesAndSurfaceTheLastError()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Error(336100, "system is busy", requestId: "req-busy"));
        using var client = CreateClient(fake, retries: 2);

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()).OrHang());

        Assert.Equal(336100, ex.ErrorCode);
        Assert.Equal("req-busy", ex.RequestId);
        Assert.Equal(3, fake.ChatRequests.Count);
    }

    [Theory]
    [InlineData(336003)]
    [InlineData(17)]
    [InlineData(336000)]
    public async Task Complete_NonRetryableErrorIsNotRepeated(int code)
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Error(code));
        using var client = CreateClient(fake, retries: 3);

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()).OrHang());

        Assert.Equal(code, ex.ErrorCode);
        Assert.Single(fake.ChatRequests);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Complete_TransientHttpStatusIsRepeated(HttpStatusCode status)
    {
        using var fake = new FakeQianfan();
        fake.RespondToChatInTurn(() => Responses.Text("<html>busy</html>", "text/html", status), () => Responses.Reply("ok"));
        using var client = CreateClient(fake, retries: 3);

        var reply = await client.Chat.CompleteAsync(Ask()).OrHang();

        Assert.Equal("ok", reply.Result);
        Assert.Equal(2, fake.ChatRequests.Count);
    }

    [Fact]
    public async Task Complete_ConnectionDroppedWhileReadingTheReplyIsRepeated()
    {
        using var fake = new FakeQianfan();
        fake.ChatResponder = (_, n) =>
        {
            if (n > 1)
            {
                return Task.FromResult(Responses.Reply("ok"));
            }

            var cut = new PushStream();
            cut.Push("{\"id\":\"as-1\",");
            cut.Fail(new IOException("connection reset by peer"));
            return Task.FromResult(new HttpResponseMessage { Content = new StreamContent(cut) { Headers = { ContentType = new("application/json") } } });
        };
        using var client = CreateClient(fake, retries: 3);

        var reply = await client.Chat.CompleteAsync(Ask()).OrHang();

        Assert.Equal("ok", reply.Result);
        Assert.Equal(2, fake.ChatRequests.Count);
    }

    [Fact]
    public async Task Complete_AttemptPastTheTimeoutIsAbandonedAndRepeated()
    {
        using var fake = new FakeQianfan();
        fake.ChatResponder = async (_, n) =>
        {
            if (n == 1)
            {
                await new TaskCompletionSource().Task; // the first attempt never answers
            }

            return Responses.Reply("second attempt");
        };
        using var client = CreateClient(fake, retries: 3, o => o.Timeout = TimeSpan.FromMilliseconds(100));

        var reply = await client.Chat.CompleteAsync(Ask()).OrHang();

        Assert.Equal("second attempt", reply.Result);
        Assert.Equal(2, fake.ChatRequests.Count);
    }

    [Fact]
    public async Task Complete_OverallTimeoutEndsTheRetriesWithTimeoutException()
    {
        using var fake = new FakeQianfan();
        fake.ChatResponder = async (_, _) =>
        {
            await new TaskCompletionSource().Task;
            return Responses.Reply();
        };
        // A static token: with a token exchange in each 60 ms attempt, a loaded machine may time every attempt out
        // before the chat request is even sent.
        using var client = fake.CreateClientWithStaticToken(configure: o =>
        {
            o.Retry.MaxRetries = 100;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
            o.Timeout = TimeSpan.FromMilliseconds(60);
            o.Retry.OverallTimeout = TimeSpan.FromMilliseconds(300);
        });

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.Chat.CompleteAsync(Ask()).OrHang());

        Assert.Contains("overall", ex.Message, StringComparison.Ordinal);
        Assert.InRange(fake.ChatRequests.Count, 1, 6);
        Assert.Contains(fake.Logs.Lines, l => l.Contains("Retrying ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Complete_CallerCancellationDuringTheBackoffStopsAtOnce()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Error(336100));
        using var client = CreateClient(fake, retries: 3, o =>
        {
            o.Retry.BaseDelay = TimeSpan.FromSeconds(30);
            o.Retry.MaxDelay = TimeSpan.FromSeconds(60);
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var ex = await Record.ExceptionAsync(() => client.Chat.CompleteAsync(Ask(), cts.Token).OrHang());

        Assert.IsAssignableFrom<OperationCanceledException>(ex);
        Assert.Single(fake.ChatRequests);
    }

    [Fact]
    public async Task Complete_AuthenticationFailureIsNotRepeated()
    {
        using var fake = new FakeQianfan();
        fake.TokenResponder = (_, _) => Task.FromResult(Responses.TokenError());
        using var client = CreateClient(fake, retries: 3);

        await Assert.ThrowsAsync<QianfanAuthenticationException>(() => client.Chat.CompleteAsync(Ask()).OrHang());

        Assert.Single(fake.TokenRequests);
        Assert.Empty(fake.ChatRequests);
    }

    [Fact]
    public async Task Complete_TokenRejectionIsRepeatedOnceAndNotCountedAsARetry()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Error(110));
        using var client = CreateClient(fake, retries: 3);

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()).OrHang());

        Assert.Equal(110, ex.ErrorCode);
        Assert.Equal(2, fake.ChatRequests.Count);
        Assert.Equal(2, fake.TokenRequests.Count);
    }

    [Fact]
    public async Task Complete_RetryAfterHeaderIsReportedOnTheException()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() =>
        {
            var response = Responses.Error(336501, "rpm limit", HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return response;
        });
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
    }

    [Fact]
    public async Task Stream_ErrorAtStartIsRepeated()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChatInTurn(() => Responses.Error(18, "qps"), () => Responses.EventStream(Responses.Event(0, "ok", isEnd: true)));
        using var client = CreateClient(fake, retries: 3);

        var chunks = await ReadAllAsync(client.Chat.StreamAsync(Ask())).OrHang();

        Assert.Equal("ok", Assert.Single(chunks).Result);
        Assert.Equal(2, fake.ChatRequests.Count);
    }

    [Fact]
    public async Task Stream_CutBeforeItsFirstChunkIsRepeated()
    {
        using var fake = new FakeQianfan();
        fake.ChatResponder = (_, n) =>
        {
            if (n > 1)
            {
                return Task.FromResult(Responses.EventStream(Responses.Event(0, "ok", isEnd: true)));
            }

            var cut = new PushStream();
            cut.Fail(new IOException("connection reset"));
            return Task.FromResult(Responses.EventStream(cut));
        };
        using var client = CreateClient(fake, retries: 3);

        var chunks = await ReadAllAsync(client.Chat.StreamAsync(Ask())).OrHang();

        Assert.Equal("ok", Assert.Single(chunks).Result);
        Assert.Equal(2, fake.ChatRequests.Count);
    }

    [Fact]
    public async Task Stream_CutAfterItsFirstChunkIsNeverRepeated()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(Responses.Event(0, "half")));
        using var client = CreateClient(fake, retries: 3);
        var received = new List<ChatChunk>();

        var ex = await Assert.ThrowsAsync<QianfanStreamEndedException>(async () =>
        {
            await foreach (var chunk in client.Chat.StreamAsync(Ask()))
            {
                received.Add(chunk);
            }
        }).OrHang();

        Assert.Single(received);
        Assert.Equal(1, ex.ChunksReceived);
        Assert.False(ex.IsRetryable);
        Assert.Single(fake.ChatRequests);
    }

    [Fact]
    public async Task Stream_RetryableErrorMidStreamIsNeverRepeated()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(
            Responses.Event(0, "a") + """data: {"error_code":336100,"error_msg":"busy"}""" + "\n\n"));
        using var client = CreateClient(fake, retries: 3);

        var ex = await Assert.ThrowsAsync<QianfanException>(() => ReadAllAsync(client.Chat.StreamAsync(Ask())).OrHang());

        Assert.Equal(336100, ex.ErrorCode);
        Assert.Single(fake.ChatRequests);
    }

    [Fact]
    public async Task Stream_FirstChunkThatNeverArrivesTimesOutAndClosesTheBody()
    {
        using var fake = new FakeQianfan();
        var silent = new PushStream();
        fake.RespondToChat(() => Responses.EventStream(silent));
        using var client = fake.CreateClient(o => o.Timeout = TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAsync<TimeoutException>(() => ReadAllAsync(client.Chat.StreamAsync(Ask())).OrHang());

        await silent.Disposed.OrHang();
        Assert.Single(fake.ChatRequests);
    }

    [Fact]
    public async Task RateLimit_CallOverAFullQueueIsRejectedWithoutBeingSent()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient(o =>
        {
            o.RateLimits.QueriesPerSecond = 1;
            o.RateLimits.QueueLimit = 0;
        });

        await client.Chat.CompleteAsync(Ask());
        var ex = await Assert.ThrowsAsync<QianfanRateLimitExceededException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.False(ex.IsRetryable);
        Assert.Single(fake.ChatRequests);
    }

    [Fact]
    public async Task RateLimit_TokensPerMinuteCountsTheReportedUsageAndFreesAfterAMinute()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient(o =>
        {
            o.RateLimits.TokensPerMinute = 8; // the fake reply reports total_tokens 8
            o.RateLimits.QueueLimit = 0;
        });

        await client.Chat.CompleteAsync(Ask());
        await Assert.ThrowsAsync<QianfanRateLimitExceededException>(() => client.Chat.CompleteAsync(Ask()));
        fake.Time.Advance(TimeSpan.FromMinutes(1));
        await client.Chat.CompleteAsync(Ask());

        Assert.Equal(2, fake.ChatRequests.Count);
    }

    private static QianfanClient CreateClient(FakeQianfan fake, int retries, Action<QianfanOptions>? configure = null) =>
        fake.CreateClient(o =>
        {
            o.Retry.MaxRetries = retries;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
            configure?.Invoke(o);
        });

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
