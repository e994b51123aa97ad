using System.Collections.Concurrent;
using Qianfan.Sdk.Authentication;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Authentication;

/// <summary>
/// V1's access tokens against the service's errors 110 and 111: an exchanged or provided token is dropped and renewed
/// (the pipeline repeats once), a fixed AccessToken fails at once naming its setting unless the application's keys can
/// replace it; and where tokens come from. The repeat-once mechanism itself is Pipeline/CredentialRenewalTests'.
/// </summary>
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

    [Fact]
    public async Task CustomProvider_IsUsedAndInvalidateReceivesTheRejectedToken()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChatInTurn(() => Responses.Error(110), () => Responses.Reply());
        var provider = new RecordingTokenProvider("custom-1", "custom-2");
        using var client = fake.CreateClient(provider, c =>
        {
            c.ApiKey = null;
            c.SecretKey = null;
        });

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
        using var client = fake.CreateClient(provider);

        await client.Chat.CompleteAsync(Ask("hi"));

        Assert.Equal("custom-1", Assert.Single(fake.ChatRequests).AccessToken);
        Assert.Empty(fake.TokenRequests);
        Assert.Empty(provider.Invalidated);
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
        using var client = fake.CreateClient(credentials: c => c.AccessToken = "24.ready-made-token");

        await client.Chat.CompleteAsync(Ask("hi"));

        Assert.Empty(fake.TokenRequests);
        Assert.Equal("24.ready-made-token", Assert.Single(fake.ChatRequests).AccessToken);
    }

    [Theory]
    [InlineData(110)]
    [InlineData(111)]
    public async Task StaticAccessToken_RejectedFailsAtOnceNamingTheSettingWithoutLeakingTheToken(int code)
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Error(code, "Access token expired", requestId: "req-static"));
        using var client = fake.CreateClientWithStaticToken("24.ready-made-token");

        var ex = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => client.Chat.CompleteAsync(Ask("hi")));

        Assert.Equal("token_rejected", ex.Error);
        Assert.Contains("AccessToken (QIANFAN_ACCESS_TOKEN)", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"error {code}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ApiKey and SecretKey", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsRetryable);
        var rejected = Assert.IsType<QianfanException>(ex.InnerException);
        Assert.Equal(code, rejected.ErrorCode);
        Assert.Equal("req-static", rejected.RequestId);
        Assert.Single(fake.ChatRequests);
        Assert.Empty(fake.TokenRequests);
        Assert.DoesNotContain("24.ready-made-token", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaticAccessToken_RejectedFallsBackToTheApplicationsKeysAndRepeatsOnce()
    {
        using var fake = new FakeQianfan();
        fake.ChatResponder = (request, _) => Task.FromResult(request.AccessToken == "24.stale-token" ? Responses.Error(111, "Access token expired") : Responses.Reply("with the exchanged token"));
        using var client = fake.CreateClient(credentials: c => c.AccessToken = "24.stale-token");

        var first = await client.Chat.CompleteAsync(Ask("one"));
        var second = await client.Chat.CompleteAsync(Ask("two"));

        Assert.Equal("with the exchanged token", first.Result);
        Assert.Equal("with the exchanged token", second.Result);
        Assert.Equal(["24.stale-token", "token-1", "token-1"], fake.ChatRequests.Select(r => r.AccessToken).ToArray());
        Assert.Single(fake.TokenRequests);
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

        var logs = fake.LogLines;
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
}
