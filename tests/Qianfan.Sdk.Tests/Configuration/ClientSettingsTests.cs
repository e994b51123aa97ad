using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Configuration;

/// <summary>
/// That a client hands its settings to the pipeline (timeouts, the stream idle timeout, retries, limits with Qianfan's
/// own exception) and reads them once; how the pipeline applies them is Pipeline/'s to test.
/// </summary>
public sealed class ClientSettingsTests
{
    [Fact]
    public async Task Timeout_BoundsEachAttempt()
    {
        using var fake = new FakeQianfan();
        fake.ChatResponder = NeverAnswers;
        using var client = fake.CreateClientWithStaticToken(configure: o => o.Timeout = TimeSpan.FromSeconds(10));

        var call = client.Chat.CompleteAsync(Ask());
        await fake.Time.WaitForTimerAsync(TimeSpan.FromSeconds(10));
        fake.Time.Advance(TimeSpan.FromSeconds(10));
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => call.OrHang());

        Assert.Equal("chat/ernie_speed did not answer within 10 s.", ex.Message);
        Assert.DoesNotContain("static-token", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 10)]
    [InlineData(3, 3)]
    public async Task StreamIdleTimeout_IsItsOwnOrElseTheTimeout(int? idleSeconds, int expectedSeconds)
    {
        using var fake = new FakeQianfan();
        var body = new PushStream();
        body.Push(Responses.Event(0, "a"));
        fake.RespondToChat(() => Responses.EventStream(body));
        using var client = fake.CreateClientWithStaticToken(configure: o =>
        {
            o.Timeout = TimeSpan.FromSeconds(10);
            o.StreamIdleTimeout = idleSeconds is { } s ? TimeSpan.FromSeconds(s) : null;
        });

        await using var chunks = client.Chat.StreamAsync(Ask()).GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync().AsTask().OrHang());
        var next = chunks.MoveNextAsync().AsTask();
        await fake.Time.WaitForTimerAsync(TimeSpan.FromSeconds(expectedSeconds), count: idleSeconds is null ? 2 : 1);
        fake.Time.Advance(TimeSpan.FromSeconds(expectedSeconds));
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => next.OrHang());

        Assert.Contains($"sent nothing for {expectedSeconds} s after 1 chunk(s)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_RepeatsTheServicesTryAgainErrorsAndSurfacesTheLast()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Error(336100, "system is busy", requestId: "req-busy"));
        using var client = fake.CreateClient(o =>
        {
            o.Retry.MaxRetries = 2;
            o.Retry.BaseDelay = TimeSpan.Zero;
        });

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask()).OrHang());

        Assert.Equal(336100, ex.ErrorCode);
        Assert.Equal("req-busy", ex.RequestId);
        Assert.Equal(3, fake.ChatRequests.Count);
        Assert.Single(fake.TokenRequests);
    }

    [Fact]
    public async Task RateLimits_RefuseACallOverAFullQueueWithQianfanRateLimitExceeded()
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
        Assert.Contains("queries-per-second limit of 1", ex.Message, StringComparison.Ordinal);
        Assert.Single(fake.ChatRequests);
    }

    [Fact]
    public async Task RateLimits_AreSharedByV1AndV2()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient(
            o =>
            {
                o.RateLimits.QueriesPerSecond = 1;
                o.RateLimits.QueueLimit = 0;
            },
            c => c.V2ApiKey = FakeQianfan.V2ApiKey);

        await client.Chat.CompleteAsync(Ask());

        await Assert.ThrowsAsync<QianfanRateLimitExceededException>(() => client.ChatCompletions.CompleteAsync(new ChatCompletionRequest("ernie-4.0-8k") { Messages = { ChatMessage.User("hi") } }));
        Assert.Empty(fake.V2Requests);
    }

    [Fact]
    public async Task Settings_ChangedAfterTheClientIsMadeHaveNoEffect()
    {
        using var fake = new FakeQianfan();
        var options = fake.Options();
        var credentials = FakeQianfan.Credentials();
        using var client = new QianfanClient(credentials, options, fake.HttpClient, null, fake.Time);
        options.BaseUrl = new Uri("https://elsewhere.test");
        credentials.ApiKey = "other";

        await client.Chat.CompleteAsync(Ask());

        Assert.All(fake.Requests, r => Assert.Equal("aip.test", r.Uri.Host));
        Assert.Equal(FakeQianfan.ApiKey, Assert.Single(fake.TokenRequests).Query("client_id"));
    }

    [Fact]
    public async Task Dispose_LeavesAGivenHttpClientUsable()
    {
        using var fake = new FakeQianfan();
        fake.CreateClientWithStaticToken().Dispose();
        using var second = fake.CreateClientWithStaticToken();

        var reply = await second.Chat.CompleteAsync(Ask());

        Assert.Equal("Hello!", reply.Result);
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
