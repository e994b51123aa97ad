using System.Collections.Concurrent;
using Qianfan.Sdk.Authentication;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Authentication;

/// <summary>Error 110/111 on chat: drop the token, get a new one, repeat once; and where tokens come from.</summary>
public sealed class TokenRejectionTests
{
    [Theory]
    [InlineData(110)]
    [InlineData(111)]
    public async Task Complete_TokenRejectedIsRenewedAndTheCallRepeatedOnce(int code)
    {
        using var fake = new FakeQianfan();
        fake.RespondToChatInTurn(() => Responses.Error(code, "Access token invalid or no longer valid"), () => Responses.Reply("after renewal"));
        using var client = fake.CreateClient();

        var reply = await client.Chat.CompleteAsync(Ask("hi"));

        Assert.Equal("after renewal", reply.Result);
        Assert.Equal(2, fake.TokenRequests.Count);
        Assert.Equal(2, fake.ChatRequests.Count);
        Assert.Equal("token-1", fake.ChatRequests[0].AccessToken);
        Assert.Equal("token-2", fake.ChatRequests[1].AccessToken);
        Assert.Equal(fake.ChatRequests[0].Body, fake.ChatRequests[1].Body);
    }

    [Fact]
    public async Task Complete_RenewedTokenIsCachedForLaterCalls()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChatInTurn(() => Responses.Error(111), () => Responses.Reply());
        using var client = fake.CreateClient();

        await client.Chat.CompleteAsync(Ask("one"));
        await client.Chat.CompleteAsync(Ask("two"));

        Assert.Equal(2, fake.TokenRequests.Count);
        Assert.Equal(["token-1", "token-2", "token-2"], fake.ChatRequests.Select(r => r.AccessToken).ToArray());
    }

    [Theory]
    [InlineData(110)]
    [InlineData(111)]
    public async Task Complete_TokenRejectedTwiceSurfacesAfterExactlyTwoCalls(int code)
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Error(code, "Access token invalid or no longer valid", requestId: "req-110"));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask("hi")));

        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal("req-110", ex.RequestId);
        Assert.False(ex.IsRetryable);
        Assert.Equal(2, fake.ChatRequests.Count);
        Assert.Equal(2, fake.TokenRequests.Count);
        AssertNoSecret(ex);
    }

    [Fact]
    public async Task Complete_OtherErrorsAreNotRepeated()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Error(336003, "the max length of current question is 24000"));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask("hi")));

        Assert.Equal(336003, ex.ErrorCode);
        Assert.Single(fake.ChatRequests);
        Assert.Single(fake.TokenRequests);
    }

    [Theory]
    [InlineData(110)]
    [InlineData(111)]
    public async Task Stream_TokenRejectedAtStartIsRenewedAndRepeatedOnce(int code)
    {
        using var fake = new FakeQianfan();
        fake.RespondToChatInTurn(
            () => Responses.Error(code),
            () => Responses.EventStream(Responses.Event(0, "你好", isEnd: true)));
        using var client = fake.CreateClient();

        var chunks = await ReadAllAsync(client.Chat.StreamAsync(Ask("hi")));

        Assert.Equal("你好", Assert.Single(chunks).Result);
        Assert.Equal(2, fake.TokenRequests.Count);
        Assert.Equal(["token-1", "token-2"], fake.ChatRequests.Select(r => r.AccessToken).ToArray());
    }

    [Fact]
    public async Task Stream_TokenRejectedTwiceSurfacesAfterExactlyTwoCalls()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Error(110));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => ReadAllAsync(client.Chat.StreamAsync(Ask("hi"))));

        Assert.Equal(110, ex.ErrorCode);
        Assert.Equal(2, fake.ChatRequests.Count);
        Assert.Equal(2, fake.TokenRequests.Count);
    }

    [Fact]
    public async Task CustomProvider_IsUsedAndInvalidateReceivesTheRejectedToken()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChatInTurn(() => Responses.Error(110), () => Responses.Reply());
        var provider = new RecordingTokenProvider("custom-1", "custom-2");
        using var client = fake.CreateClient(o =>
        {
            o.ApiKey = null;
            o.SecretKey = null;
        }, provider);

        await client.Chat.CompleteAsync(Ask("hi"));

        Assert.Equal(["custom-1"], provider.Invalidated.ToArray());
        Assert.Equal(["custom-1", "custom-2"], fake.ChatRequests.Select(r => r.AccessToken).ToArray());
        Assert.Empty(fake.TokenRequests);
    }

    [Fact]
    public async Task CustomProvider_WinsOverKeysInTheOptions()
    {
        using var fake = new FakeQianfan();
        var provider = new RecordingTokenProvider("custom-1");
        using var client = fake.CreateClient(tokenProvider: provider);

        await client.Chat.CompleteAsync(Ask("hi"));

        Assert.Equal("custom-1", Assert.Single(fake.ChatRequests).AccessToken);
        Assert.Empty(fake.TokenRequests);
        Assert.Empty(provider.Invalidated);
    }

    [Fact]
    public async Task CustomProvider_WaitingForATokenStopsWhenTheCallerCancels()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient(tokenProvider: new HangingTokenProvider());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Chat.CompleteAsync(Ask("hi"), cts.Token).OrHang());

        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task CustomProvider_WaitingForATokenIsBoundedByTheOverallTimeout()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient(o => o.Retry.OverallTimeout = TimeSpan.FromMilliseconds(100), new HangingTokenProvider());

        await Assert.ThrowsAsync<TimeoutException>(() => client.Chat.CompleteAsync(Ask("hi")).OrHang());

        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task StaticAccessToken_IsSentAsIsWithNoExchange()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClientWithStaticToken("24.ready-made-token");

        await client.Chat.CompleteAsync(Ask("one"));
        await client.Chat.CompleteAsync(Ask("two"));

        Assert.Empty(fake.TokenRequests);
        Assert.All(fake.ChatRequests, r => Assert.Equal("24.ready-made-token", r.AccessToken));
    }

    [Fact]
    public async Task StaticAccessToken_WinsOverKeys()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient(o => o.AccessToken = "24.ready-made-token");

        await client.Chat.CompleteAsync(Ask("hi"));

        Assert.Empty(fake.TokenRequests);
        Assert.Equal("24.ready-made-token", Assert.Single(fake.ChatRequests).AccessToken);
    }

    [Fact]
    public async Task StaticAccessToken_RejectedSurfacesAfterOneRepeatWithoutLeakingTheToken()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Error(111, "Access token expired"));
        using var client = fake.CreateClientWithStaticToken("24.ready-made-token");

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask("hi")));

        Assert.Equal(111, ex.ErrorCode);
        Assert.Equal(2, fake.ChatRequests.Count);
        Assert.Empty(fake.TokenRequests);
        Assert.DoesNotContain("24.ready-made-token", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_NeverContainTheSecretKeyOrAnyToken()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChatInTurn(
            () => Responses.Error(110),
            () => Responses.Reply(),
            () => Responses.Error(336003, "bad param"));
        using var client = fake.CreateClient();

        await client.Chat.CompleteAsync(Ask("one"));
        await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask("two")));

        var logs = fake.Logs.Lines;
        Assert.NotEmpty(logs);
        Assert.Contains(logs, l => l.Contains("110", StringComparison.Ordinal));
        Assert.All(logs, line =>
        {
            Assert.DoesNotContain(FakeQianfan.SecretKey, line, StringComparison.Ordinal);
            Assert.DoesNotContain("token-1", line, StringComparison.Ordinal);
            Assert.DoesNotContain("token-2", line, StringComparison.Ordinal);
            Assert.DoesNotContain("access_token=", line, StringComparison.Ordinal);
        });
    }

    private static ChatRequest Ask(string question)
    {
        var request = new ChatRequest("ERNIE-Speed-8K");
        request.Messages.Add(ChatMessage.User(question));
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

    private static void AssertNoSecret(Exception ex)
    {
        var text = ex.ToString();
        Assert.DoesNotContain(FakeQianfan.SecretKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("token-1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("token-2", text, StringComparison.Ordinal);
    }

    private sealed class RecordingTokenProvider(params string[] tokens) : IAccessTokenProvider
    {
        private int _next;

        public ConcurrentQueue<string> Invalidated { get; } = new();

        public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
        {
            return new(tokens[Math.Min(_next, tokens.Length - 1)]);
        }

        public void Invalidate(string accessToken)
        {
            Invalidated.Enqueue(accessToken);
            _next++;
        }
    }

    private sealed class HangingTokenProvider : IAccessTokenProvider
    {
        public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return "never";
        }

        public void Invalidate(string accessToken)
        {
        }
    }
}
