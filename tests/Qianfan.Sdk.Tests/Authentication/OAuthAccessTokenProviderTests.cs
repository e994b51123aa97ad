using System.Net;
using System.Text;
using Qianfan.Sdk.Authentication;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Tests.Pipeline;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Authentication;

/// <summary>The OAuth exchange of API Key and Secret Key: request shape, caching, renewal, single flight, failures, its timeout.</summary>
public sealed class OAuthAccessTokenProviderTests
{
    [Fact]
    public async Task Exchange_PostsClientCredentialsToTheTokenEndpoint()
    {
        using var fake = new FakeQianfan();
        var provider = fake.CreateTokenProvider();

        var token = await provider.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal("token-1", token);
        var sent = Assert.Single(fake.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://aip.test/oauth/2.0/token", sent.Uri.GetLeftPart(UriPartial.Path));
        Assert.Equal("client_credentials", sent.Query("grant_type"));
        Assert.Equal(FakeQianfan.ApiKey, sent.Query("client_id"));
        Assert.Equal(FakeQianfan.SecretKey, sent.Query("client_secret"));
    }

    [Fact]
    public async Task Exchange_EscapesKeysInTheQueryString()
    {
        using var fake = new FakeQianfan();
        var provider = fake.CreateTokenProvider(apiKey: "a b&c=d", secretKey: "s+e/c#r?t");

        await provider.GetAccessTokenAsync(CancellationToken.None);

        var sent = Assert.Single(fake.TokenRequests);
        Assert.Equal("a b&c=d", sent.Query("client_id"));
        Assert.Equal("s+e/c#r?t", sent.Query("client_secret"));
    }

    [Fact]
    public async Task Token_IsCachedSoTheSecondCallDoesNotExchange()
    {
        using var fake = new FakeQianfan();
        var provider = fake.CreateTokenProvider();

        var first = await provider.GetAccessTokenAsync(CancellationToken.None);
        var second = await provider.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal("token-1", first);
        Assert.Equal("token-1", second);
        Assert.Single(fake.TokenRequests);
    }

    [Fact]
    public async Task Token_IsCachedAcrossChatCalls()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            await client.Chat.CompleteAsync(Ask("hi"));
        }

        Assert.Single(fake.TokenRequests);
        Assert.All(fake.ChatRequests, r => Assert.Equal("token-1", r.AccessToken));
    }

    [Fact]
    public async Task Token_IsKeptUntilJustBeforeExpiresInMinusTheMargin()
    {
        using var fake = new FakeQianfan();
        fake.TokenResponder = (_, n) => Task.FromResult(Responses.Token($"token-{n}", expiresIn: 3600));
        var provider = fake.CreateTokenProvider(); // default margin: 5 minutes

        await provider.GetAccessTokenAsync(CancellationToken.None);
        fake.Time.Advance(TimeSpan.FromSeconds(3600 - 300) - TimeSpan.FromTicks(1));
        var beforeMargin = await provider.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal("token-1", beforeMargin);
        Assert.Single(fake.TokenRequests);
    }

    [Fact]
    public async Task Token_IsRenewedOnceExpiresInMinusTheMarginHasPassed()
    {
        using var fake = new FakeQianfan();
        fake.TokenResponder = (_, n) => Task.FromResult(Responses.Token($"token-{n}", expiresIn: 3600));
        var provider = fake.CreateTokenProvider();

        await provider.GetAccessTokenAsync(CancellationToken.None);
        fake.Time.Advance(TimeSpan.FromSeconds(3600 - 300));
        var atMargin = await provider.GetAccessTokenAsync(CancellationToken.None);
        var again = await provider.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal("token-2", atMargin);
        Assert.Equal("token-2", again);
        Assert.Equal(2, fake.TokenRequests.Count);
    }

    [Fact]
    public async Task Token_RenewalHonoursAConfiguredMargin()
    {
        using var fake = new FakeQianfan();
        fake.TokenResponder = (_, n) => Task.FromResult(Responses.Token($"token-{n}", expiresIn: 2_592_000));
        var provider = fake.CreateTokenProvider(o => o.TokenRefreshMargin = TimeSpan.FromMinutes(1));

        await provider.GetAccessTokenAsync(CancellationToken.None);
        fake.Time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(1));
        Assert.Equal("token-1", await provider.GetAccessTokenAsync(CancellationToken.None));
        fake.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("token-2", await provider.GetAccessTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Token_ShortLivedIsKeptForHalfItsLifeRatherThanNotAtAll()
    {
        using var fake = new FakeQianfan();
        fake.TokenResponder = (_, n) => Task.FromResult(Responses.Token($"token-{n}", expiresIn: 400)); // shorter than twice the margin
        var provider = fake.CreateTokenProvider();

        await provider.GetAccessTokenAsync(CancellationToken.None);
        fake.Time.Advance(TimeSpan.FromSeconds(199));
        Assert.Equal("token-1", await provider.GetAccessTokenAsync(CancellationToken.None));
        fake.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("token-2", await provider.GetAccessTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Token_AThousandParallelFirstCallsMakeExactlyOneExchange()
    {
        using var fake = new FakeQianfan();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fake.TokenResponder = async (_, n) =>
        {
            entered.TrySetResult();
            await release.Task;
            return Responses.Token($"token-{n}");
        };
        var provider = fake.CreateTokenProvider();

        // Every caller asks before the one exchange answers, from many threads at once.
        var calls = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ =>
            Task.Factory.StartNew(() => provider.GetAccessTokenAsync(CancellationToken.None).AsTask(), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default)));
        await entered.Task.OrHang();
        Assert.All(calls, c => Assert.False(c.IsCompleted));
        release.SetResult();
        var tokens = await Task.WhenAll(calls).OrHang();

        Assert.All(tokens, t => Assert.Equal("token-1", t));
        Assert.Single(fake.TokenRequests);
    }

    [Fact]
    public async Task Token_ParallelFirstChatCallsShareOneExchange()
    {
        using var fake = new FakeQianfan();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fake.TokenResponder = async (_, n) =>
        {
            await release.Task;
            return Responses.Token($"token-{n}");
        };
        using var client = fake.CreateClient();

        var calls = Enumerable.Range(0, 100).Select(_ => client.Chat.CompleteAsync(Ask("hi"))).ToArray();
        release.SetResult();
        await Task.WhenAll(calls).OrHang();

        Assert.Single(fake.TokenRequests);
        Assert.Equal(100, fake.ChatRequests.Count);
    }

    [Fact]
    public async Task Token_ParallelCallsAtRenewalTimeShareOneExchange()
    {
        using var fake = new FakeQianfan();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fake.TokenResponder = async (_, n) =>
        {
            if (n > 1)
            {
                await release.Task;
            }

            return Responses.Token($"token-{n}", expiresIn: 3600);
        };
        var provider = fake.CreateTokenProvider();
        await provider.GetAccessTokenAsync(CancellationToken.None);
        fake.Time.Advance(TimeSpan.FromHours(1));

        var calls = Enumerable.Range(0, 200).Select(_ => provider.GetAccessTokenAsync(CancellationToken.None).AsTask()).ToArray();
        release.SetResult();
        var tokens = await Task.WhenAll(calls).OrHang();

        Assert.All(tokens, t => Assert.Equal("token-2", t));
        Assert.Equal(2, fake.TokenRequests.Count);
    }

    [Fact]
    public async Task Exchange_FailureIsSharedByEveryWaitingCaller()
    {
        using var fake = new FakeQianfan();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fake.TokenResponder = async (_, _) =>
        {
            await release.Task;
            return Responses.TokenError();
        };
        var provider = fake.CreateTokenProvider();

        var calls = Enumerable.Range(0, 100).Select(_ => provider.GetAccessTokenAsync(CancellationToken.None).AsTask()).ToArray();
        release.SetResult();

        foreach (var call in calls)
        {
            var ex = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => call.OrHang());
            Assert.Equal("invalid_client", ex.Error);
        }

        Assert.Single(fake.TokenRequests);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.OK)]
    public async Task Exchange_ErrorBodyThrowsAuthenticationExceptionWithErrorAndDescription(HttpStatusCode status)
    {
        using var fake = new FakeQianfan();
        fake.TokenResponder = (_, _) => Task.FromResult(Responses.TokenError(status));
        var provider = fake.CreateTokenProvider();

        var ex = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => provider.GetAccessTokenAsync(CancellationToken.None).AsTask());

        Assert.Equal("invalid_client", ex.Error);
        Assert.Equal("unknown client id", ex.ErrorDescription);
        Assert.Equal(status, ex.StatusCode);
        Assert.False(ex.IsRetryable);
        Assert.Contains("invalid_client", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unknown client id", ex.Message, StringComparison.Ordinal);
        AssertNoSecret(ex);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.OK)]
    public async Task Exchange_FailureSendsNothingToChat(HttpStatusCode status)
    {
        using var fake = new FakeQianfan();
        fake.TokenResponder = (_, _) => Task.FromResult(Responses.TokenError(status));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => client.Chat.CompleteAsync(Ask("hi")));

        Assert.Equal("invalid_client", ex.Error);
        Assert.Equal("unknown client id", ex.ErrorDescription);
        Assert.Empty(fake.ChatRequests);
        Assert.Single(fake.TokenRequests);
        AssertNoSecret(ex);
    }

    [Fact]
    public async Task Exchange_FailureFailsAStreamBeforeAnyChatRequest()
    {
        using var fake = new FakeQianfan();
        fake.TokenResponder = (_, _) => Task.FromResult(Responses.TokenError());
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanAuthenticationException>(async () =>
        {
            await foreach (var _ in client.Chat.StreamAsync(Ask("hi")))
            {
            }
        });

        Assert.Equal("invalid_client", ex.Error);
        Assert.Empty(fake.ChatRequests);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>", HttpStatusCode.BadGateway)]
    [InlineData("not json at all", HttpStatusCode.OK)]
    [InlineData("", HttpStatusCode.OK)]
    public async Task Exchange_NonJsonAnswerThrowsAuthenticationException(string body, HttpStatusCode status)
    {
        using var fake = new FakeQianfan();
        fake.TokenResponder = (_, _) => Task.FromResult(Responses.Text(body, "text/html", status));
        var provider = fake.CreateTokenProvider();

        var ex = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => provider.GetAccessTokenAsync(CancellationToken.None).AsTask());

        Assert.Equal("invalid_response", ex.Error);
        Assert.Equal(status, ex.StatusCode);
        AssertNoSecret(ex);
    }

    [Fact]
    public async Task Exchange_AnswerWithoutAccessTokenThrowsAuthenticationException()
    {
        using var fake = new FakeQianfan();
        fake.TokenResponder = (_, _) => Task.FromResult(Responses.Json("""{"expires_in":2592000}"""));
        var provider = fake.CreateTokenProvider();

        var ex = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => provider.GetAccessTokenAsync(CancellationToken.None).AsTask());

        Assert.Equal("invalid_response", ex.Error);
    }

    [Fact]
    public async Task Exchange_AfterAFailureTheNextCallTriesAgain()
    {
        using var fake = new FakeQianfan();
        fake.TokenResponder = (_, n) => Task.FromResult(n == 1 ? Responses.TokenError() : Responses.Token($"token-{n}"));
        var provider = fake.CreateTokenProvider();

        await Assert.ThrowsAsync<QianfanAuthenticationException>(() => provider.GetAccessTokenAsync(CancellationToken.None).AsTask());
        var token = await provider.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal("token-2", token);
        Assert.Equal(2, fake.TokenRequests.Count);
    }

    [Fact]
    public async Task Exchange_ServerErrorStatusMakesTheAuthenticationFailureRetryable()
    {
        using var fake = new FakeQianfan();
        fake.TokenResponder = (_, _) => Task.FromResult(Responses.Json("""{"error":"temporarily_unavailable"}""", HttpStatusCode.ServiceUnavailable));
        var provider = fake.CreateTokenProvider();

        var ex = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => provider.GetAccessTokenAsync(CancellationToken.None).AsTask());

        Assert.True(ex.IsRetryable);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Exchange_AnswerThatBreaksOffIsANetworkFailure(bool bareInvoker)
    {
        using var fake = new FakeQianfan();
        fake.TokenResponder = (_, _) =>
        {
            var cut = new PushStream();
            cut.Push("{\"access_token\":\"tok");
            cut.Fail(new IOException("connection reset by peer"));
            return Task.FromResult(new HttpResponseMessage { Content = new StreamContent(cut) { Headers = { ContentType = new("application/json") } } });
        };
        var provider = fake.CreateTokenProvider(bareInvoker: bareInvoker);

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => provider.GetAccessTokenAsync(CancellationToken.None).AsTask());

        Assert.IsType<IOException>(ex.InnerException, exactMatch: false);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task Exchange_ACompressedAnswerIsDecoded_OnTheSdksOwnStack(string coding)
    {
        using var fake = new FakeQianfan();
        fake.TokenResponder = (_, _) =>
        {
            var body = new ByteArrayContent(TestReplies.Compress(Encoding.UTF8.GetBytes("""{"access_token":"zipped-token","expires_in":2592000}"""), coding));
            body.Headers.ContentType = new("application/json");
            body.Headers.ContentEncoding.Add(coding);
            return Task.FromResult(new HttpResponseMessage { Content = body });
        };
        var provider = fake.CreateTokenProvider(bareInvoker: true);

        Assert.Equal("zipped-token", await provider.GetAccessTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Exchange_OneCallersCancellationDoesNotFailItForOthers()
    {
        using var fake = new FakeQianfan();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fake.TokenResponder = async (_, n) =>
        {
            entered.TrySetResult();
            await release.Task;
            return Responses.Token($"token-{n}");
        };
        var provider = fake.CreateTokenProvider();
        using var impatient = new CancellationTokenSource();

        var cancelled = provider.GetAccessTokenAsync(impatient.Token).AsTask();
        var patient = provider.GetAccessTokenAsync(CancellationToken.None).AsTask();
        await entered.Task.OrHang();
        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(patient.IsCompleted);
        release.SetResult();
        Assert.Equal("token-1", await patient.OrHang());
        Assert.Equal("token-1", await provider.GetAccessTokenAsync(CancellationToken.None));
        Assert.Single(fake.TokenRequests);
    }

    [Fact]
    public async Task Exchange_CancelledByItsOnlyCallerStillCachesTheToken()
    {
        using var fake = new FakeQianfan();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fake.TokenResponder = async (_, n) =>
        {
            await release.Task;
            return Responses.Token($"token-{n}");
        };
        var provider = fake.CreateTokenProvider();
        using var cts = new CancellationTokenSource();

        var call = provider.GetAccessTokenAsync(cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        release.SetResult();

        Assert.Equal("token-1", await provider.GetAccessTokenAsync(CancellationToken.None));
        Assert.Single(fake.TokenRequests);
    }

    [Fact]
    public async Task Exchange_ThatDoesNotAnswerWithinAuthTimeoutFailsTheCallWithTimeoutException()
    {
        using var fake = new FakeQianfan();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fake.TokenResponder = async (_, _) =>
        {
            arrived.TrySetResult();
            await new TaskCompletionSource().Task; // never answers
            return Responses.Token("never");
        };
        using var client = fake.CreateClient(o => o.AuthTimeout = TimeSpan.FromSeconds(10));

        var call = client.Chat.CompleteAsync(Ask("hi"));
        await fake.Time.WaitForTimerAsync(TimeSpan.FromSeconds(10));

        // The clock moves once the exchange is at the service: moved before, the timeout would cancel it on its way.
        await arrived.Task.OrHang();
        fake.Time.Advance(TimeSpan.FromSeconds(10));
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => call.OrHang());

        Assert.Equal("The token endpoint did not answer within 10 s.", ex.Message);
        AssertNoSecret(ex);
        Assert.Single(fake.TokenRequests);
        Assert.Empty(fake.ChatRequests);
    }

    [Fact]
    public async Task Invalidate_DropsTheRejectedToken()
    {
        using var fake = new FakeQianfan();
        var provider = fake.CreateTokenProvider();

        var first = await provider.GetAccessTokenAsync(CancellationToken.None);
        provider.Invalidate(first);
        var second = await provider.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal("token-2", second);
        Assert.Equal(2, fake.TokenRequests.Count);
    }

    [Fact]
    public async Task Invalidate_OfAnOlderTokenKeepsTheNewerOne()
    {
        using var fake = new FakeQianfan();
        var provider = fake.CreateTokenProvider();

        var first = await provider.GetAccessTokenAsync(CancellationToken.None);
        provider.Invalidate(first);
        var second = await provider.GetAccessTokenAsync(CancellationToken.None);
        provider.Invalidate(first);
        var third = await provider.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal(second, third);
        Assert.Equal(2, fake.TokenRequests.Count);
    }

    [Fact]
    public async Task CachedPath_AllocatesNothing()
    {
        using var fake = new FakeQianfan();
        var provider = fake.CreateTokenProvider();
        await provider.GetAccessTokenAsync(CancellationToken.None);
        CachedAllocation.ReadMany(provider, 100); // warm up

        var allocated = CachedAllocation.Measure(provider, 10_000);

        Assert.Equal(0, allocated);
        Assert.Single(fake.TokenRequests);
    }

    [Fact]
    public async Task StaticProvider_AllocatesNothing()
    {
        var provider = new StaticAccessTokenProvider("static", "AccessToken (QIANFAN_ACCESS_TOKEN)", "ApiKey and SecretKey");
        Assert.Equal("static", await provider.GetAccessTokenAsync(CancellationToken.None));
        CachedAllocation.ReadMany(provider, 100);

        Assert.Equal(0, CachedAllocation.Measure(provider, 10_000));
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
        Assert.DoesNotContain("token-", text, StringComparison.Ordinal);
    }
}

/// <summary>Reads a cached token many times on this thread and counts the bytes that allocated.</summary>
internal static class CachedAllocation
{
    public static long Measure(IAccessTokenProvider provider, int times)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        ReadMany(provider, times);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    public static int ReadMany(IAccessTokenProvider provider, int times)
    {
        var total = 0;
        for (var i = 0; i < times; i++)
        {
            var pending = provider.GetAccessTokenAsync(CancellationToken.None);
            if (!pending.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("the cached path went asynchronous");
            }

            total += pending.Result.Length;
        }

        return total;
    }
}
