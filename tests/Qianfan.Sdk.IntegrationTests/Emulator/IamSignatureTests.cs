using System.Text;
using Microsoft.Extensions.Time.Testing;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Emulator.Iam;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

/// <summary>Chat calls authenticated with IAM AK/SK (<c>bce-auth-v1</c>) instead of an access token.</summary>
public sealed class IamSignatureTests
{
    private const string Path = "/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/ernie-lite-8k";

    [Fact]
    public void Signature_MatchesBaiduReferenceImplementation()
    {
        // Expected values computed with a line-by-line port of Baidu's Python bce signer (bce_v1_signer.sign).
        var prefix = "bce-auth-v1/emulator-iam-access-key/2024-04-06T08:23:49Z/1800";
        KeyValuePair<string, string?>[] query = [new("user name", "张 三/x"), new("flag", null)];
        KeyValuePair<string, string>[] headers =
        [
            new("Host", "127.0.0.1:8080"),
            new("x-bce-date", "2024-04-06T08:23:49Z"),
            new("Content-Type", "application/json"),
        ];

        var listed = BceSigner.Signature(prefix, "emulator-iam-secret-key", "POST", Path, query, headers, ["host", "x-bce-date"]);
        var defaults = BceSigner.Signature(prefix, "emulator-iam-secret-key", "POST", Path, query, headers, []);

        Assert.Equal("cff91b8f68784cae6046adfe468501eb1340e41aa79a03261382bce5abbf90c2", listed);
        Assert.Equal("747359cb4e9220fc8eaa8b966678cb150a0000107ef3ce80d3eaf0dab079165a", defaults);
    }

    [Fact]
    public async Task SignedCall_IsAnsweredWithoutAccessToken()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var request = Signed(session, session.Emulator.IamAccessKey, session.Emulator.IamSecretKey, DateTimeOffset.UtcNow);
        using var response = await session.Http.SendAsync(request);
        var body = await EmulatorSession.ReadJsonAsync(response);

        Assert.Equal("这是千帆模拟器的回答。你说的是：hi。祝你一切顺利！", body.GetProperty("result").GetString());
        Assert.Equal("***", Assert.Single(session.Emulator.Requests).Headers["Authorization"]);
    }

    [Fact]
    public async Task SignedCall_WithQueryParametersIsAnswered()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var request = Signed(session, session.Emulator.IamAccessKey, session.Emulator.IamSecretKey, DateTimeOffset.UtcNow, "?tag=a%20b&x=1");
        using var response = await session.Http.SendAsync(request);

        Assert.True((await EmulatorSession.ReadJsonAsync(response)).TryGetProperty("result", out _));
    }

    [Fact]
    public async Task DefaultIamCredentials_AreFixed()
    {
        await using var emulator = await QianfanEmulator.StartAsync();

        Assert.Equal("emulator-iam-access-key", emulator.IamAccessKey);
        Assert.Equal("emulator-iam-secret-key", emulator.IamSecretKey);
    }

    [Theory]
    [InlineData("emulator-iam-access-key", "wrong-secret")]
    [InlineData("someone-else", "emulator-iam-secret-key")]
    public async Task SignedCall_WithWrongKeys_IsError14(string accessKey, string secretKey)
    {
        await using var session = await EmulatorSession.StartAsync();

        using var request = Signed(session, accessKey, secretKey, DateTimeOffset.UtcNow);
        using var response = await session.Http.SendAsync(request);

        EmulatorSession.AssertError(await EmulatorSession.ReadJsonAsync(response), 14, "IAM Certification failed");
    }

    [Fact]
    public async Task SignedCall_TamperedAfterSigning_IsError14()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var request = Signed(session, session.Emulator.IamAccessKey, session.Emulator.IamSecretKey, DateTimeOffset.UtcNow);
        request.Headers.Remove("x-bce-date");
        request.Headers.Add("x-bce-date", BceSigner.Timestamp(DateTimeOffset.UtcNow.AddMinutes(1)));
        using var response = await session.Http.SendAsync(request);

        EmulatorSession.AssertError(await EmulatorSession.ReadJsonAsync(response), 14);
    }

    [Fact]
    public async Task SignedCall_PastItsExpiration_IsError14()
    {
        var clock = new FakeTimeProvider();
        await using var session = await EmulatorSession.StartAsync(new QianfanEmulatorOptions { TimeProvider = clock });
        var signedAt = clock.GetUtcNow();

        using var fresh = Signed(session, session.Emulator.IamAccessKey, session.Emulator.IamSecretKey, signedAt);
        using var freshResponse = await session.Http.SendAsync(fresh);
        clock.Advance(TimeSpan.FromSeconds(301));
        using var stale = Signed(session, session.Emulator.IamAccessKey, session.Emulator.IamSecretKey, signedAt);
        using var staleResponse = await session.Http.SendAsync(stale);

        Assert.True((await EmulatorSession.ReadJsonAsync(freshResponse)).TryGetProperty("result", out _));
        EmulatorSession.AssertError(await EmulatorSession.ReadJsonAsync(staleResponse), 14);
    }

    /// <summary>Signs a chat call the way the docs describe, with 300 s expiry and host;x-bce-date signed.</summary>
    private static HttpRequestMessage Signed(EmulatorSession session, string accessKey, string secretKey, DateTimeOffset at, string query = "")
    {
        var timestamp = BceSigner.Timestamp(at);
        var prefix = $"bce-auth-v1/{accessKey}/{timestamp}/300";
        var host = $"{session.Emulator.BaseUri.Host}:{session.Emulator.BaseUri.Port}";
        var queryPairs = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('='))
            .Select(p => KeyValuePair.Create(Uri.UnescapeDataString(p[0]), (string?)Uri.UnescapeDataString(p[1])));
        var signature = BceSigner.Signature(
            prefix, secretKey, "POST", Path, queryPairs,
            [new("host", host), new("x-bce-date", timestamp)],
            ["host", "x-bce-date"]);

        var request = new HttpRequestMessage(HttpMethod.Post, Path + query)
        {
            Content = new StringContent(EmulatorSession.UserBody("hi"), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-bce-date", timestamp);
        Assert.True(request.Headers.TryAddWithoutValidation("Authorization", $"{prefix}/host;x-bce-date/{signature}"));
        return request;
    }
}
