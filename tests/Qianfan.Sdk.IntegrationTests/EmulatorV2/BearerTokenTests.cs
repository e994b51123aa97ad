using System.Net;
using System.Text.Json;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.EmulatorV2;

/// <summary><c>/v1/BCE-BEARER/token</c>: IAM AK/SK, signed with <c>bce-auth-v1</c>, exchanged for a V2 bearer token.</summary>
public sealed class BearerTokenTests
{
    [Fact]
    public async Task SignedRequest_IssuesTokenInTheDocumentedShape()
    {
        var clock = V2Session.Clock();
        await using var session = await V2Session.StartAsync(new QianfanEmulatorOptions { TimeProvider = clock });

        using var request = session.SignedTokenRequest("3600", at: clock.GetUtcNow());
        using var response = await session.Http.SendAsync(request);
        var body = await V2Session.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["userId", "token", "status", "createTime", "expireTime"], body.EnumerateObject().Select(p => p.Name));
        Assert.Matches("^[0-9a-f]{32}$", body.GetProperty("userId").GetString());
        Assert.Matches("^bce-v3/ALTAK-[A-Za-z0-9]{20}/[0-9a-f]{40}$", body.GetProperty("token").GetString());
        Assert.Equal("enable", body.GetProperty("status").GetString());
        Assert.Equal("2026-03-01T08:30:15.000Z", body.GetProperty("createTime").GetString());
        Assert.Equal("2026-03-01T09:30:15.000Z", body.GetProperty("expireTime").GetString());
    }

    [Fact]
    public async Task Tokens_AreDistinct_ForTheSameUser()
    {
        await using var session = await V2Session.StartAsync();

        var first = await session.IssueBearerTokenAsync();
        var second = await session.IssueBearerTokenAsync();

        Assert.NotEqual(first.GetProperty("token").GetString(), second.GetProperty("token").GetString());
        Assert.Equal(first.GetProperty("userId").GetString(), second.GetProperty("userId").GetString());
    }

    [Theory]
    [InlineData(null, "2026-03-02T08:30:15.000Z")]          // missing: one day
    [InlineData("", "2026-03-02T08:30:15.000Z")]            // empty: the same
    [InlineData("1", "2026-03-01T08:30:16.000Z")]
    [InlineData("2592000", "2026-03-31T08:30:15.000Z")]     // 30 days, the maximum
    [InlineData("2592001", "2026-03-31T08:30:15.000Z")]     // more is capped at 30 days, as documented
    [InlineData("99999999999999999999999", "2026-03-31T08:30:15.000Z")]
    public async Task ExpireInSeconds_SetsTheExpiry(string? expireInSeconds, string expireTime)
    {
        var clock = V2Session.Clock();
        await using var session = await V2Session.StartAsync(new QianfanEmulatorOptions { TimeProvider = clock });

        var body = await session.IssueBearerTokenAsync(expireInSeconds, clock.GetUtcNow());

        Assert.Equal(expireTime, body.GetProperty("expireTime").GetString());
    }

    [Fact]
    public async Task CreateTime_IsTakenToTheWholeSecond()
    {
        var clock = V2Session.Clock();
        clock.Advance(TimeSpan.FromMilliseconds(750));
        await using var session = await V2Session.StartAsync(new QianfanEmulatorOptions { TimeProvider = clock });

        var body = await session.IssueBearerTokenAsync("10", clock.GetUtcNow());

        Assert.Equal("2026-03-01T08:30:15.000Z", body.GetProperty("createTime").GetString());
        Assert.Equal("2026-03-01T08:30:25.000Z", body.GetProperty("expireTime").GetString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("+")]
    public async Task InvalidExpireInSeconds_Is400InvalidParameterValue(string expireInSeconds)
    {
        await using var session = await V2Session.StartAsync();

        using var request = session.SignedTokenRequest(expireInSeconds);
        using var response = await session.Http.SendAsync(request);
        var body = await V2Session.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertBceError(response, body, "InvalidParameterValue");
        Assert.Contains("expireInSeconds", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_IsAccepted()
    {
        await using var session = await V2Session.StartAsync();

        using var request = session.SignedTokenRequest("60", method: HttpMethod.Post);
        using var response = await session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("bce-v3/ALTAK-", (await V2Session.ReadJsonAsync(response)).GetProperty("token").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherMethods_Are405()
    {
        await using var session = await V2Session.StartAsync();

        using var request = session.SignedTokenRequest("60", method: HttpMethod.Delete);
        using var response = await session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        AssertBceError(response, await V2Session.ReadJsonAsync(response), "MethodNotAllowed");
    }

    [Fact]
    public async Task Unsigned_IsAccessDenied()
    {
        await using var session = await V2Session.StartAsync();

        using var response = await session.Http.GetAsync(V2Session.BearerPath + "?expireInSeconds=60");
        var body = await V2Session.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertBceError(response, body, "AccessDenied");
        Assert.Equal("Access denied.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task BearerAuthorization_IsNotASignature()
    {
        await using var session = await V2Session.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, V2Session.BearerPath);
        request.Headers.Authorization = new("Bearer", session.Emulator.V2ApiKey);
        using var response = await session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertBceError(response, await V2Session.ReadJsonAsync(response), "AccessDenied");
    }

    [Fact]
    public async Task WrongSecretKey_IsAccessDenied()
    {
        await using var session = await V2Session.StartAsync();

        using var request = session.SignedTokenRequest("60", secretKey: "not-the-secret");
        using var response = await session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertBceError(response, await V2Session.ReadJsonAsync(response), "AccessDenied");
    }

    [Fact]
    public async Task UnknownAccessKey_IsInvalidAccessKeyId()
    {
        await using var session = await V2Session.StartAsync();

        using var request = session.SignedTokenRequest("60", accessKey: "someone-else");
        using var response = await session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertBceError(response, await V2Session.ReadJsonAsync(response), "InvalidAccessKeyId");
    }

    [Fact]
    public async Task QueryChangedAfterSigning_IsAccessDenied()
    {
        await using var session = await V2Session.StartAsync();

        using var request = session.SignedTokenRequest("60");
        request.RequestUri = new Uri(V2Session.BearerPath + "?expireInSeconds=2592000", UriKind.Relative);
        using var response = await session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertBceError(response, await V2Session.ReadJsonAsync(response), "AccessDenied");
    }

    [Fact]
    public async Task SignaturePastItsExpiration_IsAccessDenied()
    {
        var clock = V2Session.Clock();
        await using var session = await V2Session.StartAsync(new QianfanEmulatorOptions { TimeProvider = clock });
        var signedAt = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromSeconds(301));

        using var request = session.SignedTokenRequest("60", at: signedAt);
        using var response = await session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertBceError(response, await V2Session.ReadJsonAsync(response), "AccessDenied");
    }

    [Fact]
    public async Task IssuedToken_WorksForV2UntilItsExpireTime()
    {
        var clock = V2Session.Clock();
        await using var session = await V2Session.StartAsync(new QianfanEmulatorOptions { TimeProvider = clock });
        var token = (await session.IssueBearerTokenAsync("60", clock.GetUtcNow())).GetProperty("token").GetString()!;

        var fresh = await session.ChatAsync(V2Session.UserBody("你好"), key: token);
        clock.Advance(TimeSpan.FromSeconds(59));
        var lastSecond = await session.ChatAsync(V2Session.UserBody("你好"), key: token);
        clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await session.ChatAsync(V2Session.UserBody("你好"), HttpStatusCode.Unauthorized, key: token);

        Assert.Equal("chat.completion", fresh.GetProperty("object").GetString());
        Assert.Equal("chat.completion", lastSecond.GetProperty("object").GetString());
        V2Session.AssertError(expired, "invalid_iam_token", "invalid_request_error", "IAM Certification failed");
    }

    [Fact]
    public async Task CreateBearerToken_IssuesAWorkingTokenWithoutARequest()
    {
        var clock = V2Session.Clock();
        await using var session = await V2Session.StartAsync(new QianfanEmulatorOptions { TimeProvider = clock });

        var token = session.Emulator.CreateBearerToken(TimeSpan.FromMinutes(1));
        var answer = await session.ChatAsync(V2Session.UserBody("你好"), key: token);
        clock.Advance(TimeSpan.FromMinutes(1));
        var expired = await session.ChatAsync(V2Session.UserBody("你好"), HttpStatusCode.Unauthorized, key: token);

        Assert.Matches("^bce-v3/ALTAK-[A-Za-z0-9]{20}/[0-9a-f]{40}$", token);
        Assert.Equal("chat.completion", answer.GetProperty("object").GetString());
        V2Session.AssertError(expired, "invalid_iam_token", "invalid_request_error");
        Assert.All(session.Emulator.Requests, r => Assert.False(r.IsBearerTokenRequest));
        Assert.Throws<ArgumentOutOfRangeException>(() => session.Emulator.CreateBearerToken(TimeSpan.FromMilliseconds(10)));
    }

    [Fact]
    public async Task Request_IsRecordedWithTheAuthorizationMasked()
    {
        await using var session = await V2Session.StartAsync();

        await session.IssueBearerTokenAsync("60");

        var recorded = Assert.Single(session.Emulator.Requests);
        Assert.True(recorded.IsBearerTokenRequest);
        Assert.False(recorded.IsV2Chat);
        Assert.False(recorded.IsChat);
        Assert.False(recorded.IsTokenRequest);
        Assert.Equal("GET", recorded.Method);
        Assert.Equal("60", recorded.Query["expireInSeconds"]);
        Assert.Equal("***", recorded.Headers["Authorization"]);
    }

    [Fact]
    public async Task DelayNextTokenResponses_AlsoHoldsBearerTokenRequests()
    {
        await using var session = await V2Session.StartAsync();
        session.Scenarios.DelayNextTokenResponses(1, TimeSpan.FromMilliseconds(300));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await session.IssueBearerTokenAsync("60");

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), $"took {watch.Elapsed}");
    }

    private static void AssertBceError(HttpResponseMessage response, JsonElement body, string code)
    {
        Assert.Equal(["requestId", "code", "message"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
        var requestId = body.GetProperty("requestId").GetString();
        Assert.True(Guid.TryParse(requestId, out _), requestId);
        Assert.Equal(requestId, Assert.Single(response.Headers.GetValues("x-bce-request-id")));
    }
}
