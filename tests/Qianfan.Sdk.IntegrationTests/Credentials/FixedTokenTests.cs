using System.Collections.Concurrent;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.IntegrationTests.Sdk;

namespace Qianfan.Sdk.IntegrationTests.Credentials;

/// <summary>
/// A fixed token from the settings (V1 <c>AccessToken</c>, V2 <c>V2ApiKey</c>) cannot be renewed: when the service
/// rejects it the call fails at once, naming the setting, unless keys to exchange are configured too; then the SDK
/// exchanges them, repeats the call once and keeps the token it obtained.
/// </summary>
public sealed class FixedTokenTests
{
    private const string UnknownAccessToken = "24.00000000000000000000000000000000.2592000.1700000000.282335-1";

    private static QianfanOptions Options(QianfanEmulator emulator) => new()
    {
        BaseUrl = emulator.BaseUri,
        V2BaseUrl = emulator.BaseUri,
        IamBaseUrl = emulator.BaseUri,
    };

    [Fact]
    public async Task RejectedAccessToken_FailsAtOnceWithTokenRejected_NamingTheSetting_NotRetried()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = new QianfanClient(new QianfanCredentials { AccessToken = UnknownAccessToken }, Options(emu));

        var error = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => client.Chat.CompleteAsync(SdkHarness.Ask("你好")));

        Assert.Equal("token_rejected", error.Error);
        Assert.Contains("AccessToken (QIANFAN_ACCESS_TOKEN)", error.Message, StringComparison.Ordinal);
        Assert.Contains("ApiKey and SecretKey (QIANFAN_AK, QIANFAN_SK)", error.Message, StringComparison.Ordinal);
        Assert.Contains("error 110", error.Message, StringComparison.Ordinal);
        Assert.Equal(QianfanErrorCodes.AccessTokenInvalid, Assert.IsType<QianfanException>(error.InnerException).ErrorCode);
        Assert.False(error.IsRetryable);
        Assert.DoesNotContain(UnknownAccessToken, error.ToString(), StringComparison.Ordinal);
        Assert.Single(emu.ChatRequests()); // retries are on (the default), yet it is not sent again
        Assert.Empty(emu.TokenRequests());
    }

    [Fact]
    public async Task ExpiredAccessToken_OnAStream_FailsWithTokenRejectedBeforeAnyChunk()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        var token = emu.CreateAccessToken();
        emu.Scenarios.ExpireAllTokens();
        using var client = new QianfanClient(new QianfanCredentials { AccessToken = token }, Options(emu));
        var received = 0;

        var error = await Assert.ThrowsAsync<QianfanAuthenticationException>(async () =>
        {
            await foreach (var chunk in client.Chat.StreamAsync(SdkHarness.Ask("你好")))
            {
                received++;
            }
        });

        Assert.Equal("token_rejected", error.Error);
        Assert.Equal(QianfanErrorCodes.AccessTokenExpired, Assert.IsType<QianfanException>(error.InnerException).ErrorCode);
        Assert.Equal(0, received);
        Assert.Single(emu.ChatRequests());
    }

    [Fact]
    public async Task RejectedAccessToken_WithTheApplicationsKeys_IsReplacedByAnExchangedToken_OnceAndForGood()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var handler = new TokenCapturingHandler();
        using var http = new HttpClient(handler);
        var credentials = new QianfanCredentials { AccessToken = UnknownAccessToken, ApiKey = emu.ApiKey, SecretKey = emu.SecretKey };
        using var client = new QianfanClient(credentials, Options(emu), http);

        var first = await client.Chat.CompleteAsync(SdkHarness.Ask("一"));
        var second = await client.Chat.CompleteAsync(SdkHarness.Ask("二"));

        Assert.Equal(SdkHarness.DefaultReply("一"), first.Result);
        Assert.Equal(SdkHarness.DefaultReply("二"), second.Result);
        var tokens = handler.ChatTokens;
        Assert.Equal(3, tokens.Count); // the fixed token, the repetition, the next call
        Assert.Equal(UnknownAccessToken, tokens[0]);
        Assert.NotEqual(UnknownAccessToken, tokens[1]);
        Assert.Equal(tokens[1], tokens[2]);
        var exchange = Assert.Single(emu.TokenRequests());
        var chats = emu.ChatRequests();
        Assert.InRange(exchange.Sequence, chats[0].Sequence, chats[1].Sequence);
        Assert.Equal(chats[0].Body, chats[1].Body);
    }

    [Fact]
    public async Task RejectedV2ApiKey_WithIamKeys_IsReplacedByABearerToken_OnceAndForGood()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var spy = new AuthorizationCapturingHandler();
        using var http = new HttpClient(spy);
        var credentials = new QianfanCredentials { V2ApiKey = "bce-v3/ALTAK-wrong/wrong", IamAccessKey = emu.IamAccessKey, IamSecretKey = emu.IamSecretKey };
        using var client = new QianfanClient(credentials, Options(emu), http);

        var first = await client.ChatCompletions.CompleteAsync(SdkHarness.AskV2("一"));
        var second = await client.ChatCompletions.CompleteAsync(SdkHarness.AskV2("二"));

        Assert.Equal(SdkHarness.DefaultReply("一"), first.Content);
        Assert.Equal(SdkHarness.DefaultReply("二"), second.Content);
        Assert.Equal(3, emu.V2ChatRequests().Count);
        Assert.Single(emu.Requests, r => r.IsBearerTokenRequest);
        var bearers = spy.ChatAuthorizations;
        Assert.Equal("Bearer bce-v3/ALTAK-wrong/wrong", bearers[0]);
        Assert.StartsWith("Bearer bce-v3/ALTAK-", bearers[1], StringComparison.Ordinal);
        Assert.NotEqual(bearers[0], bearers[1]);
        Assert.Equal(bearers[1], bearers[2]);
    }

    [Fact]
    public async Task V1CallsWithOnlyAV2ApiKey_FailWithMissingCredentials_NamingWhatV1Needs_NothingSent()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = new QianfanClient(new QianfanCredentials { V2ApiKey = emu.V2ApiKey }, Options(emu));

        var sync = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => client.Chat.CompleteAsync(SdkHarness.Ask("你好")));
        var stream = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => client.Chat.StreamAsync(SdkHarness.Ask("你好")).ToListAsync());
        var v2 = await client.ChatCompletions.CompleteAsync(SdkHarness.AskV2("你好"));

        Assert.All([sync, stream], error =>
        {
            Assert.Equal("missing_credentials", error.Error);
            Assert.Null(error.StatusCode);
            Assert.False(error.IsRetryable);
            Assert.Contains("QIANFAN_AK and QIANFAN_SK", error.ErrorDescription, StringComparison.Ordinal);
            Assert.Contains("QIANFAN_ACCESS_KEY and QIANFAN_SECRET_KEY", error.ErrorDescription, StringComparison.Ordinal);
            Assert.Contains("QIANFAN_ACCESS_TOKEN", error.ErrorDescription, StringComparison.Ordinal);
        });
        Assert.Equal(SdkHarness.DefaultReply("你好"), v2.Content); // the API the key is for works
        Assert.Empty(emu.ChatRequests());
        Assert.Empty(emu.TokenRequests());
        Assert.Single(emu.V2ChatRequests());
    }

    /// <summary>Passes requests on and keeps the Authorization header of each V2 chat call (the emulator masks it).</summary>
    private sealed class AuthorizationCapturingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private readonly ConcurrentQueue<string> _values = new();

        public IReadOnlyList<string> ChatAuthorizations => [.. _values];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath == "/v2/chat/completions" && request.Headers.Authorization is { } authorization)
            {
                _values.Enqueue(authorization.ToString());
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
