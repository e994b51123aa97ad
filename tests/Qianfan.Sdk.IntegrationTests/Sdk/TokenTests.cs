using System.Net;
using Microsoft.Extensions.Time.Testing;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.IntegrationTests.Sdk;

public sealed class TokenTests
{
    [Fact]
    public async Task ManySyncAndStreamCalls_ExchangeTheKeysOnce_AndSendTheTokenOnEveryCall()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var handler = new TokenCapturingHandler();
        using var http = new HttpClient(handler);
        using var client = new QianfanClient(SdkHarness.Credentials(emu), SdkHarness.Options(emu), http);

        for (var i = 0; i < 3; i++)
        {
            var reply = await client.Chat.CompleteAsync(SdkHarness.Ask($"sync {i}"));
            Assert.Equal(SdkHarness.DefaultReply($"sync {i}"), reply.Result);
            var chunks = await client.Chat.StreamAsync(SdkHarness.Ask($"stream {i}")).ToListAsync();
            Assert.True(chunks[^1].IsEnd);
        }

        var token = Assert.Single(emu.TokenRequests());
        Assert.Equal("POST", token.Method);
        Assert.Equal("client_credentials", token.Query["grant_type"]);
        Assert.Equal(emu.ApiKey, token.Query["client_id"]);
        Assert.Equal("***", token.Query["client_secret"]);
        Assert.Equal(1, token.Sequence);

        var chats = emu.ChatRequests();
        Assert.Equal(6, chats.Count);
        Assert.All(chats, c => Assert.Equal("?access_token=***", c.QueryString));
        Assert.Equal(6, handler.ChatTokens.Count);
        Assert.Single(handler.ChatTokens.Distinct());
        Assert.False(string.IsNullOrEmpty(handler.ChatTokens[0]));
    }

    [Fact]
    public async Task FiftyParallelFirstCalls_ShareOneTokenExchange()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        // A slow exchange makes sure every caller arrives while it is still in flight.
        emu.Scenarios.DelayNextTokenResponses(1, TimeSpan.FromMilliseconds(300));

        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.Chat.CompleteAsync(SdkHarness.Ask($"q{i}"))));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => SdkHarness.DefaultReply($"q{i}")), replies.Select(r => r.Result));
        Assert.Single(emu.TokenRequests());
        Assert.Equal(50, emu.ChatRequests().Count);
        Assert.True(emu.TokenRequests()[0].Sequence < emu.ChatRequests().Min(r => r.Sequence));
    }

    [Fact]
    public async Task TokenExpiredAfterCalls_IsRenewedOnce_AndTheCallRepeatedWithTheNewToken()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var handler = new TokenCapturingHandler();
        using var http = new HttpClient(handler);
        using var client = new QianfanClient(SdkHarness.Credentials(emu), SdkHarness.Options(emu), http);
        emu.Scenarios.ExpireTokensAfterCalls = 2;

        await client.Chat.CompleteAsync(SdkHarness.Ask("one"));
        await client.Chat.CompleteAsync(SdkHarness.Ask("two"));
        var third = await client.Chat.CompleteAsync(SdkHarness.Ask("three"));

        Assert.Equal(SdkHarness.DefaultReply("three"), third.Result);
        Assert.Equal(2, emu.TokenRequests().Count);
        var chats = emu.ChatRequests();
        Assert.Equal(4, chats.Count);
        // The rejected call and its repetition carry the same body; the new exchange happens between them.
        Assert.Equal(chats[2].Body, chats[3].Body);
        Assert.InRange(emu.TokenRequests()[1].Sequence, chats[2].Sequence, chats[3].Sequence);
        var tokens = handler.ChatTokens;
        Assert.Equal(tokens[0], tokens[1]);
        Assert.Equal(tokens[0], tokens[2]);
        Assert.NotEqual(tokens[2], tokens[3]);

        // The new token is cached: the next call needs no exchange.
        await client.Chat.CompleteAsync(SdkHarness.Ask("four"));
        Assert.Equal(2, emu.TokenRequests().Count);
        Assert.Equal(tokens[3], handler.ChatTokens[4]);
    }

    [Fact]
    public async Task ExpireAllTokens_StreamIsRenewedOnce_AndSucceeds()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        await client.Chat.CompleteAsync(SdkHarness.Ask("warm up"));
        emu.Scenarios.ExpireAllTokens();

        var chunks = await client.Chat.StreamAsync(SdkHarness.Ask("after expiry")).ToListAsync();

        Assert.Equal(SdkHarness.DefaultReply("after expiry"), string.Concat(chunks.Select(c => c.Result)));
        Assert.Equal(2, emu.TokenRequests().Count);
        Assert.Equal(3, emu.ChatRequests().Count);
    }

    [Fact]
    public async Task ParallelCallsRejectedWith111_ShareOneRenewal()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        await client.Chat.CompleteAsync(SdkHarness.Ask("warm up"));
        emu.Scenarios.ExpireAllTokens();

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.Chat.CompleteAsync(SdkHarness.Ask($"q{i}"))));

        Assert.Equal(Enumerable.Range(0, 20).Select(i => SdkHarness.DefaultReply($"q{i}")), replies.Select(r => r.Result));
        Assert.Equal(2, emu.TokenRequests().Count);
        // Calls that were sent with the expired token were rejected once and repeated once; calls that started after
        // the renewal went straight through. Either way, only one new exchange.
        Assert.InRange(emu.ChatRequests().Count, 1 + 20 + 1, 1 + 40);
    }

    [Fact]
    public async Task TokenNearItsExpiry_IsRenewedBeforeTheCall_WithoutA111()
    {
        // One clock for both: the token's lifetime is crossed without waiting. The client's timeouts run on it too, so
        // they cannot pass here; these calls are answered at once.
        var clock = new FakeTimeProvider();
        await using var emu = await SdkHarness.StartEmulatorAsync(new QianfanEmulatorOptions { TimeProvider = clock });
        using var client = new QianfanClient(SdkHarness.Credentials(emu), SdkHarness.Options(emu), timeProvider: clock);

        await client.Chat.CompleteAsync(SdkHarness.Ask("one"));
        clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(4)); // inside the 5-minute refresh margin
        var reply = await client.Chat.CompleteAsync(SdkHarness.Ask("two"));

        Assert.Equal(SdkHarness.DefaultReply("two"), reply.Result);
        Assert.Equal(2, emu.TokenRequests().Count);
        Assert.Equal(2, emu.ChatRequests().Count); // no call was rejected
        Assert.True(emu.TokenRequests()[1].Sequence < emu.ChatRequests()[1].Sequence);
    }

    [Fact]
    public async Task ASecond111_SurfacesAsQianfanException111()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu, singleAttempt: true);
        emu.Scenarios.ExpireTokensAfterCalls = 0; // every token answers 111 on its first call

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(SdkHarness.Ask("hi")));

        Assert.Equal(QianfanErrorCodes.AccessTokenExpired, ex.ErrorCode);
        Assert.Equal("Access token expired", ex.ErrorMessage);
        Assert.False(ex.IsRetryable);
        Assert.NotNull(ex.RequestId);
        Assert.Equal(2, emu.TokenRequests().Count);
        Assert.Equal(2, emu.ChatRequests().Count);
    }

    [Fact]
    public async Task Injected110_IsTreatedLikeAnExpiredToken()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        emu.Scenarios.FailNextChatCalls(1, QianfanErrorCodes.AccessTokenInvalid);

        var reply = await client.Chat.CompleteAsync(SdkHarness.Ask("hi"));

        Assert.Equal(SdkHarness.DefaultReply("hi"), reply.Result);
        Assert.Equal(2, emu.TokenRequests().Count);
        Assert.Equal(2, emu.ChatRequests().Count);
    }

    [Theory]
    [InlineData(false, "Client authentication failed")]
    [InlineData(true, "unknown client id")]
    public async Task WrongCredentials_ThrowAuthenticationException_AndNoChatIsSent(bool wrongApiKey, string description)
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        var credentials = SdkHarness.Credentials(emu);
        if (wrongApiKey)
        {
            credentials.ApiKey = "not-the-api-key";
        }
        else
        {
            credentials.SecretKey = "not-the-secret-key";
        }

        using var client = new QianfanClient(credentials, SdkHarness.Options(emu, singleAttempt: true));

        var ex = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => client.Chat.CompleteAsync(SdkHarness.Ask("hi")));

        Assert.Equal("invalid_client", ex.Error);
        Assert.Equal(description, ex.ErrorDescription);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.False(ex.IsRetryable);
        Assert.DoesNotContain("not-the-", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(QianfanEmulatorOptions.DefaultSecretKey, ex.ToString(), StringComparison.Ordinal);
        Assert.Single(emu.TokenRequests());
        Assert.Empty(emu.ChatRequests());
    }

    [Fact]
    public async Task WrongSecretKey_OnAStream_ThrowsBeforeAnyChunk()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        var credentials = SdkHarness.Credentials(emu);
        credentials.SecretKey = "not-the-secret-key";
        using var client = new QianfanClient(credentials, SdkHarness.Options(emu, singleAttempt: true));
        var received = 0;

        var ex = await Assert.ThrowsAsync<QianfanAuthenticationException>(async () =>
        {
            await foreach (var chunk in client.Chat.StreamAsync(SdkHarness.Ask("hi")))
            {
                received++;
            }
        });

        Assert.Equal("invalid_client", ex.Error);
        Assert.Equal(0, received);
        Assert.Empty(emu.ChatRequests());
    }
}
