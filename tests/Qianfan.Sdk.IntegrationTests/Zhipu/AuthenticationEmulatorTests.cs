using System.Net;
using Microsoft.Extensions.Time.Testing;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Zhipu;
using Qianfan.Sdk.Zhipu.Authentication;
using Qianfan.Sdk.Zhipu.Chat;
using Qianfan.Sdk.Zhipu.Errors;

namespace Qianfan.Sdk.IntegrationTests.Zhipu;

/// <summary>
/// The credential against the emulator, which checks it as the service does: the plain key, a self-signed JWT verified
/// with the key's secret, and its refusals (none, invalid, expired, not verified); with a JWT on a fake clock shared with
/// the emulator, hours of calls never meet an expired token, because the SDK renews it before it expires.
/// </summary>
public sealed class AuthenticationEmulatorTests
{
    private const string Body = """{"model":"glm-4","messages":[{"role":"user","content":"你好"}]}""";

    [Fact]
    public async Task TheKeyAndAJwtSignedWithIt_AreAccepted_OthersRefusedWithTheServicesCodes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
        await using var session = await ZhipuSession.StartAsync(new QianfanEmulatorOptions { TimeProvider = time });
        var key = session.Emulator.ZhipuApiKey;
        var now = time.GetUtcNow();

        var answers = new Dictionary<string, (HttpStatusCode Status, string? Code)>();
        foreach (var (name, credential) in new[]
                 {
                     ("key", key),
                     ("jwt", ZhipuJwt.Create(key, now, TimeSpan.FromMinutes(3))),
                     ("expired jwt", ZhipuJwt.Create(key, now - TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(3))),
                     ("jwt of another secret", ZhipuJwt.Create(key.Split('.')[0] + ".another-secret", now, TimeSpan.FromMinutes(3))),
                     ("another key", "12345678.abcdefg"),
                 })
        {
            using var response = await session.PostAsync(ZhipuSession.ChatPath, Body, credential);
            answers[name] = (response.StatusCode, response.IsSuccessStatusCode ? null : (await ZhipuSession.JsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
        }

        using var none = new HttpRequestMessage(HttpMethod.Post, ZhipuSession.ChatPath) { Content = new StringContent(Body) };
        using var noneAnswer = await session.Http.SendAsync(none);

        Assert.Equal((HttpStatusCode.OK, (string?)null), answers["key"]);
        Assert.Equal((HttpStatusCode.OK, (string?)null), answers["jwt"]);
        Assert.Equal((HttpStatusCode.Unauthorized, "1003"), answers["expired jwt"]);
        Assert.Equal((HttpStatusCode.Unauthorized, "1004"), answers["jwt of another secret"]);
        Assert.Equal((HttpStatusCode.Unauthorized, "1002"), answers["another key"]);
        Assert.Equal(HttpStatusCode.Unauthorized, noneAnswer.StatusCode);
        Assert.Equal("1001", (await ZhipuSession.JsonAsync(noneAnswer)).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task WithAJwt_CallsOverHours_NeverMeetAnExpiredToken_OneTokenPerLifetime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
        await using var session = await ZhipuSession.StartAsync(
            new QianfanEmulatorOptions { TimeProvider = time },
            o => o.Authentication = ZhipuAuthentication.Jwt,
            time);

        for (var i = 0; i < 120; i++)
        {
            var reply = await session.Client.Chat.CompleteAsync(new ChatCompletionRequest("glm-4") { Messages = { ChatMessage.User("你好") } });
            Assert.Contains("你好", reply.Content, StringComparison.Ordinal);
            time.Advance(TimeSpan.FromSeconds(61));
        }

        var tokens = session.Sent.Bearers;
        Assert.Equal(120, tokens.Count);
        Assert.All(tokens, t => Assert.Equal(3, t.Split('.').Length));
        // 210 s tokens renewed 30 s before expiry, a call every 61 s: a token serves at most 3 calls, so 40 or more tokens.
        Assert.InRange(tokens.Distinct().Count(), 40, 60);
    }

    [Fact]
    public async Task AJwtTheServiceCallsExpired_IsMintedAgain_AndTheCallRepeatedOnce()
    {
        var emulatorTime = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
        var clientTime = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
        await using var session = await ZhipuSession.StartAsync(
            new QianfanEmulatorOptions { TimeProvider = emulatorTime },
            o => o.Authentication = ZhipuAuthentication.Jwt,
            clientTime);
        await session.Client.Chat.CompleteAsync(new ChatCompletionRequest("glm-4") { Messages = { ChatMessage.User("你好") } });

        // The service's clock runs ahead of the client's: the cached token is expired there, though not here.
        emulatorTime.Advance(TimeSpan.FromMinutes(5));
        clientTime.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<ZhipuAuthenticationException>(() => session.Client.Chat.CompleteAsync(new ChatCompletionRequest("glm-4") { Messages = { ChatMessage.User("你好") } }));

        Assert.Equal(ZhipuErrorCodes.TokenExpired, error.ErrorCode);
        Assert.Equal(3, session.Emulator.Requests.Count);
        var sent = session.Sent.Bearers;
        Assert.Equal(sent[0], sent[1]);
        Assert.NotEqual(sent[1], sent[2]);
    }
}
