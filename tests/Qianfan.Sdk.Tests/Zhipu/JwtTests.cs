using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Qianfan.Sdk.Tests.TestSupport;
using Qianfan.Sdk.Zhipu;
using Qianfan.Sdk.Zhipu.Authentication;
using Qianfan.Sdk.Zhipu.Chat;
using Qianfan.Sdk.Zhipu.Errors;

namespace Qianfan.Sdk.Tests.Zhipu;

/// <summary>
/// The self-signed JWT: byte for byte what the official SDK makes (the published vector), cached and renewed before it
/// expires on the client's clock, and minted again once when the service calls it invalid or expired.
/// </summary>
public sealed class JwtTests
{
    private const string Vector =
        "eyJhbGciOiJIUzI1NiIsInNpZ25fdHlwZSI6IlNJR04iLCJ0eXAiOiJKV1QifQ.eyJhcGlfa2V5IjoiMTIzNDU2NzgiLCJleHAiOjE3MDAwMDAyMTAwMDAsInRpbWVzdGFtcCI6MTcwMDAwMDAwMDAwMH0.QwkBN-t1Q5A-mpFLcqgGAQG93TRmu1HurQNLoIcJKpY";

    [Fact]
    public void Create_GivesTheOfficialSdksTokenForTheSameKeyAndTimes()
    {
        var token = ZhipuJwt.Create("12345678.abcdefg", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), TimeSpan.FromSeconds(210));

        Assert.Equal(Vector, token);
        var parts = token.Split('.');
        Assert.Equal("""{"alg":"HS256","sign_type":"SIGN","typ":"JWT"}""", Decode(parts[0]));
        Assert.Equal("""{"api_key":"12345678","exp":1700000210000,"timestamp":1700000000000}""", Decode(parts[1]));
    }

    [Theory]
    [InlineData("no-dot-at-all")]
    [InlineData("too.many.dots")]
    [InlineData(".secret")]
    [InlineData("id.")]
    [InlineData("")]
    public void Create_RefusesAKeyThatIsNotIdDotSecret_WithoutEchoingIt(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => ZhipuJwt.Create(key, FakeZhipu.Epoch, TimeSpan.FromMinutes(3)));

        Assert.Equal("apiKey", error.ParamName);
        Assert.Contains("{id}.{secret}", error.Message, StringComparison.Ordinal);
        if (key.Length > 0)
        {
            Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Client_WithJwt_RefusesAKeyThatCannotSign_NamingTheSetting()
    {
        using var fake = new FakeZhipu();

        var error = Assert.Throws<ArgumentException>(() => fake.CreateClient(o => o.Authentication = ZhipuAuthentication.Jwt, apiKey: "plain-secret-key"));

        Assert.Contains("ApiKey (Zhipu:ApiKey, ZHIPUAI_API_KEY) must be {id}.{secret}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("plain-secret-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_SendTheJwtAsBearer_TheSecretNeverTravels()
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient(o => o.Authentication = ZhipuAuthentication.Jwt);

        await client.Chat.CompleteAsync(Ask());

        var sent = Assert.Single(fake.Requests);
        Assert.Equal(Vector, sent.Bearer);
        Assert.DoesNotContain("abcdefg", sent.Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_WithThePlainKey_SendItAsBearer()
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient();

        await client.Chat.CompleteAsync(Ask());

        Assert.Equal(FakeZhipu.ApiKey, Assert.Single(fake.Requests).Bearer);
    }

    [Fact]
    public async Task Jwt_IsCachedUntilTheMarginBeforeItExpires_ThenANewOneIsMinted()
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient(o => o.Authentication = ZhipuAuthentication.Jwt);

        await client.Chat.CompleteAsync(Ask());
        fake.Time.Advance(TimeSpan.FromSeconds(179));
        await client.Chat.CompleteAsync(Ask());
        fake.Time.Advance(TimeSpan.FromSeconds(2));
        await client.Chat.CompleteAsync(Ask());

        var tokens = fake.Requests.Select(r => r.Bearer!).ToList();
        Assert.Equal(Vector, tokens[0]);
        Assert.Equal(tokens[0], tokens[1]);
        Assert.NotEqual(tokens[0], tokens[2]);
        using var payload = JsonDocument.Parse(Decode(tokens[2].Split('.')[1]));
        Assert.Equal(1_700_000_181_000, payload.RootElement.GetProperty("timestamp").GetInt64());
        Assert.Equal(1_700_000_391_000, payload.RootElement.GetProperty("exp").GetInt64());
        Assert.Equal("12345678", payload.RootElement.GetProperty("api_key").GetString());
        Assert.True(SignatureVerifies(tokens[2], "abcdefg"), "the renewed token's HS256 signature does not verify with the secret");
        Assert.False(SignatureVerifies(tokens[2], "another-secret"));
    }

    [Fact]
    public async Task Jwt_NeverSendsATokenInItsLastSeconds_HoweverManyCallsAreMade()
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient(o => o.Authentication = ZhipuAuthentication.Jwt);

        for (var i = 0; i < 40; i++)
        {
            await client.Chat.CompleteAsync(Ask());
            fake.Time.Advance(TimeSpan.FromSeconds(17));
        }

        // When each was sent, every token had at least the 30 s margin left.
        var sentAt = FakeZhipu.Epoch;
        foreach (var request in fake.Requests)
        {
            using var payload = JsonDocument.Parse(Decode(request.Bearer!.Split('.')[1]));
            var expires = DateTimeOffset.FromUnixTimeMilliseconds(payload.RootElement.GetProperty("exp").GetInt64());
            Assert.True(expires - sentAt >= TimeSpan.FromSeconds(30), $"a token sent at {sentAt:O} expired at {expires:O}");
            sentAt += TimeSpan.FromSeconds(17);
        }
    }

    [Theory]
    [InlineData(ZhipuErrorCodes.TokenExpired)]
    [InlineData(ZhipuErrorCodes.TokenInvalid)]
    public async Task Jwt_RejectedAsExpiredOrInvalid_IsMintedAgainAndTheCallRepeatedOnce(string code)
    {
        using var fake = new FakeZhipu();
        fake.Responder = (_, n) =>
        {
            if (n == 1)
            {
                fake.Time.Advance(TimeSpan.FromSeconds(5)); // time passed: the new token differs from the refused one
                return Task.FromResult(ZhipuReplies.Error(HttpStatusCode.Unauthorized, code, "Authorization Token已过期"));
            }

            return Task.FromResult(ZhipuReplies.Json(ZhipuReplies.Completion("好")));
        };
        using var client = fake.CreateClient(o => o.Authentication = ZhipuAuthentication.Jwt);

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal("好", reply.Content);
        Assert.Equal(2, fake.Requests.Count);
        Assert.NotEqual(fake.Requests[0].Bearer, fake.Requests[1].Bearer);
        Assert.Contains(fake.LogLines, l => l.Contains($"rejected the credential (error {code})", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Jwt_RejectedTwice_FailsWithTheServicesCode_AfterOneRepeat()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Error(HttpStatusCode.Unauthorized, ZhipuErrorCodes.TokenExpired));
        using var client = fake.CreateClient(o => o.Authentication = ZhipuAuthentication.Jwt);

        var error = await Assert.ThrowsAsync<ZhipuAuthenticationException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Equal("1003", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.False(error.IsRetryable);
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task Jwt_RefusedForAnotherReason_IsNotRepeated()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Error(HttpStatusCode.Unauthorized, ZhipuErrorCodes.TokenVerificationFailed));
        using var client = fake.CreateClient(o => o.Authentication = ZhipuAuthentication.Jwt);

        var error = await Assert.ThrowsAsync<ZhipuAuthenticationException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Equal("1004", error.ErrorCode);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task PlainKey_RefusedAsExpired_IsNotRepeated_ThereIsNothingToRenew()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Error(HttpStatusCode.Unauthorized, ZhipuErrorCodes.TokenExpired));
        using var client = fake.CreateClient();

        var error = await Assert.ThrowsAsync<ZhipuAuthenticationException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Equal("1003", error.ErrorCode);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task Jwt_ConcurrentCallsShareOneToken()
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient(o => o.Authentication = ZhipuAuthentication.Jwt);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.Chat.CompleteAsync(Ask()))).OrHang();

        Assert.Equal(16, fake.Requests.Count);
        Assert.Single(fake.Requests.Select(r => r.Bearer).Distinct());
    }

    private static ChatCompletionRequest Ask() => new("glm-4") { Messages = { ChatMessage.User("你好") } };

    /// <summary>Whether the token's third part is the HMAC-SHA256 of its first two under <paramref name="secret"/>, as the service checks it.</summary>
    private static bool SignatureVerifies(string token, string secret)
    {
        var parts = token.Split('.');
        using var header = JsonDocument.Parse(Decode(parts[0]));
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("SIGN", header.RootElement.GetProperty("sign_type").GetString());
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        return CryptographicOperations.FixedTimeEquals(expected, Base64Url.DecodeFromChars(parts[2]));
    }

    private static string Decode(string part) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(part));
}
