using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>QianfanOptions.Timeout versus the caller's own cancellation.</summary>
public sealed class TimeoutTests
{
    [Fact]
    public async Task Complete_ServiceThatNeverAnswersThrowsTimeoutException()
    {
        using var fake = new FakeQianfan();
        fake.ChatResponder = NeverAnswers;
        using var client = fake.CreateClientWithStaticToken(configure: o => o.Timeout = TimeSpan.FromMilliseconds(100));

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.Chat.CompleteAsync(Ask()).OrHang());

        Assert.Contains("0.1 s", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
        Assert.DoesNotContain("static-token", ex.ToString(), StringComparison.Ordinal);
        // On a busy machine the attempt may time out before the fake even sees it; it is never sent twice.
        Assert.InRange(fake.ChatRequests.Count, 0, 1);
    }

    [Fact]
    public async Task Complete_BodyThatNeverEndsThrowsTimeoutException()
    {
        using var fake = new FakeQianfan();
        var body = new PushStream();
        body.Push("{\"id\":\"as-1\",\"result\":\"");
        fake.RespondToChat(() => new HttpResponseMessage { Content = new StreamContent(body) { Headers = { ContentType = new("application/json") } } });
        using var client = fake.CreateClientWithStaticToken(configure: o => o.Timeout = TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAsync<TimeoutException>(() => client.Chat.CompleteAsync(Ask()).OrHang());

        await body.Disposed.OrHang();
    }

    [Fact]
    public async Task Complete_CallerCancellationThrowsOperationCanceledNotTimeout()
    {
        using var fake = new FakeQianfan();
        fake.ChatResponder = NeverAnswers;
        using var client = fake.CreateClientWithStaticToken(configure: o => o.Timeout = TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var ex = await Record.ExceptionAsync(() => client.Chat.CompleteAsync(Ask(), cts.Token).OrHang());

        Assert.IsAssignableFrom<OperationCanceledException>(ex);
    }

    [Fact]
    public async Task Complete_AlreadyCancelledTokenSendsNothing()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClientWithStaticToken();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Chat.CompleteAsync(Ask(), new CancellationToken(canceled: true)));

        Assert.Empty(fake.ChatRequests);
    }

    [Fact]
    public async Task Complete_TokenExchangeThatNeverAnswersThrowsTimeoutExceptionAfterAuthTimeout()
    {
        using var fake = new FakeQianfan();
        fake.TokenResponder = async (_, _) =>
        {
            await new TaskCompletionSource().Task;
            return Responses.Token("never");
        };
        using var client = fake.CreateClient(o => o.AuthTimeout = TimeSpan.FromMilliseconds(100));

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.Chat.CompleteAsync(Ask()).OrHang());

        Assert.Contains("token endpoint", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeQianfan.SecretKey, ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(fake.ChatRequests);
    }

    [Fact]
    public async Task Complete_ServiceAnsweringWithinTheTimeoutSucceeds()
    {
        using var fake = new FakeQianfan();
        fake.ChatResponder = async (_, _) =>
        {
            await Task.Delay(20);
            return Responses.Reply("in time");
        };
        using var client = fake.CreateClientWithStaticToken(configure: o => o.Timeout = TimeSpan.FromSeconds(5));

        Assert.Equal("in time", (await client.Chat.CompleteAsync(Ask())).Result);
    }

    [Fact]
    public async Task Stream_ServiceThatNeverSendsHeadersThrowsTimeoutException()
    {
        using var fake = new FakeQianfan();
        fake.ChatResponder = NeverAnswers;
        using var client = fake.CreateClientWithStaticToken(configure: o => o.Timeout = TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAsync<TimeoutException>(async () =>
        {
            await foreach (var _ in client.Chat.StreamAsync(Ask()))
            {
            }
        }).OrHang();
    }

    [Fact]
    public async Task Stream_TimeoutDoesNotCutALongStreamOnceItsFirstChunkArrived()
    {
        using var fake = new FakeQianfan();
        var body = new PushStream();
        fake.RespondToChat(() => Responses.EventStream(body));
        using var client = fake.CreateClientWithStaticToken(configure: o => o.Timeout = TimeSpan.FromMilliseconds(100));
        body.Push(Responses.Event(0, "a"));
        var firstChunk = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var chunks = new List<ChatChunk>();

        var reading = Task.Run(async () =>
        {
            await foreach (var chunk in client.Chat.StreamAsync(Ask()))
            {
                chunks.Add(chunk);
                firstChunk.TrySetResult();
            }
        });
        await Task.WhenAny(firstChunk.Task, reading).OrHang();
        Assert.False(reading.IsFaulted, reading.Exception?.ToString());
        await Task.Delay(150); // longer than the timeout, after the first chunk
        body.Push(Responses.Event(1, "b", isEnd: true));
        await reading.OrHang();

        Assert.Equal(["a", "b"], chunks.Select(c => c.Result).ToArray());
    }

    [Fact]
    public async Task Stream_CallerCancellationBeforeHeadersThrowsOperationCanceledNotTimeout()
    {
        using var fake = new FakeQianfan();
        fake.ChatResponder = NeverAnswers;
        using var client = fake.CreateClientWithStaticToken(configure: o => o.Timeout = TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var ex = await Record.ExceptionAsync(async () =>
        {
            await foreach (var _ in client.Chat.StreamAsync(Ask(), cts.Token))
            {
            }
        }).OrHang();

        Assert.IsAssignableFrom<OperationCanceledException>(ex);
    }

    [Fact]
    public async Task Complete_CallsAfterTimeoutsAndCancellationsOnTheSameClientSucceed()
    {
        // Attempts reuse their timeout sources; one left cancelled by a timeout or by the caller must never be reused.
        using var fake = new FakeQianfan();
        var hang = true;
        fake.ChatResponder = async (_, n) =>
        {
            if (Volatile.Read(ref hang))
            {
                await new TaskCompletionSource().Task;
            }

            return Responses.Reply("answer " + n);
        };
        using var client = fake.CreateClientWithStaticToken(configure: o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(200);
            o.Retry.MaxRetries = 0;
        });

        for (var round = 0; round < 6; round++)
        {
            Volatile.Write(ref hang, true);
            if (round % 2 == 0)
            {
                await Assert.ThrowsAsync<TimeoutException>(() => client.Chat.CompleteAsync(Ask()).OrHang());
            }
            else
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
                var cancelled = await Record.ExceptionAsync(() => client.Chat.CompleteAsync(Ask(), cts.Token).OrHang());
                Assert.Equal(cts.Token, Assert.IsAssignableFrom<OperationCanceledException>(cancelled).CancellationToken);
            }

            Volatile.Write(ref hang, false);
            for (var i = 0; i < 3; i++)
            {
                Assert.StartsWith("answer ", (await client.Chat.CompleteAsync(Ask()).OrHang()).Result, StringComparison.Ordinal);
            }
        }
    }

    private static async Task<HttpResponseMessage> NeverAnswers(RecordedRequest request, int n)
    {
        await new TaskCompletionSource().Task;
        return Responses.Reply();
    }

    private static ChatRequest Ask()
    {
        var request = new ChatRequest("ERNIE-Speed-8K");
        request.Messages.Add(ChatMessage.User("hi"));
        return request;
    }
}
