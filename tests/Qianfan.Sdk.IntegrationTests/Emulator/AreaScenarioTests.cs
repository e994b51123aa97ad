using System.Net;
using Microsoft.Extensions.Time.Testing;
using Qianfan.Sdk.Authentication;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

/// <summary>
/// The fault scenarios, token checks and limits apply to the V1 APIs beside chat as to chat, with the same counts:
/// one machinery serves every route.
/// </summary>
public sealed class AreaScenarioTests
{
    private const string Embed = "embeddings/embedding-v1";
    private const string EmbedBody = """{"input":["你好"]}""";

    [Fact]
    public async Task FailNextChatCalls_CountsAcrossChatAndTheOtherApis()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        session.Scenarios.FailNextChatCalls(2, 336100);

        var embeddings = await session.AreaAsync(Embed, EmbedBody, token);
        var chat = await session.ChatAsync(EmulatorSession.UserBody("你好"), token: token);
        var rerank = await session.AreaAsync("reranker/bce_reranker_base", """{"query":"a","documents":["a"]}""", token);

        EmulatorSession.AssertError(embeddings, 336100, "try again later");
        EmulatorSession.AssertError(chat, 336100, "try again later");
        Assert.True(rerank.TryGetProperty("results", out _));
    }

    [Fact]
    public async Task GatewayStatusesAndResets_ComeBeforeTheService()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        session.Scenarios.RespondToNextChatCallsWithStatus(1, 502);
        session.Scenarios.ResetNextChatConnections(1);

        // A reset comes before an injected status, as for chat.
        await Assert.ThrowsAsync<HttpRequestException>(() => session.PostAreaAsync("text2image/sd_xl", """{"prompt":"猫"}""", token));
        using var gateway = await session.PostAreaAsync("tokenizer/erniebot", """{"prompt":"a","model":"ernie-bot"}""", token);

        Assert.Equal(HttpStatusCode.BadGateway, gateway.StatusCode);
        Assert.Equal("text/html", gateway.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ExpiredTokensAndUsedUpTokens_Are111()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        session.Scenarios.ExpireTokensAfterCalls = 1;

        var first = await session.AreaAsync(Embed, EmbedBody, token);
        var second = await session.AreaAsync("completions/sqlcoder_7b", """{"prompt":"a"}""", token);

        Assert.True(first.TryGetProperty("data", out _));
        EmulatorSession.AssertError(second, 111);
        EmulatorSession.AssertError(await session.AreaAsync(Embed, EmbedBody, "never-issued"), 110);
    }

    [Fact]
    public async Task QpsLimit_IsSharedByEveryApi()
    {
        var clock = new FakeTimeProvider();
        await using var session = await EmulatorSession.StartAsync(new QianfanEmulatorOptions { TimeProvider = clock });
        var token = await session.GetTokenAsync();
        session.Scenarios.QpsLimit = 2;

        await session.ChatAsync(EmulatorSession.UserBody("你好"), token: token);
        await session.AreaAsync(Embed, EmbedBody, token);
        var third = await session.AreaAsync("tokenizer/erniebot", """{"prompt":"a","model":"ernie-bot"}""", token);
        clock.Advance(TimeSpan.FromSeconds(1));
        var later = await session.AreaAsync("tokenizer/erniebot", """{"prompt":"a","model":"ernie-bot"}""", token);

        EmulatorSession.AssertError(third, 18);
        Assert.True(later.TryGetProperty("usage", out _));
    }

    [Fact]
    public async Task TpmLimit_ChargesTheTextsTokens_ButATokenCountChargesNone()
    {
        var clock = new FakeTimeProvider();
        await using var session = await EmulatorSession.StartAsync(new QianfanEmulatorOptions { TimeProvider = clock });
        var token = await session.GetTokenAsync();
        session.Scenarios.TpmLimit = 10;

        using var eight = await session.PostAreaAsync(Embed, Input(new string('字', 13)), token); // 8 tokens
        var count = await session.AreaAsync("tokenizer/erniebot", """{"prompt":"很多很多很多很多很多很多字","model":"ernie-bot"}""", token);
        var refused = await session.AreaAsync(Embed, Input(new string('字', 5)), token); // 3 more: 11

        Assert.Equal("2", eight.Headers.GetValues("X-Ratelimit-Remaining-Tokens").Single());
        Assert.Equal(8, count.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        EmulatorSession.AssertError(refused, 336502, "Tpm limit reached");
    }

    [Fact]
    public async Task CompletionStreams_MeetTheStreamScenarios()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        session.Scenarios.FailNextStreamsAtStart(1, 336100);
        session.Scenarios.CutNextStreams(1, afterSentences: 1);

        var syncIsNotTaken = await session.AreaAsync("completions/sqlcoder_7b", """{"prompt":"a"}""", token);
        var failed = await session.AreaAsync("completions/sqlcoder_7b", """{"prompt":"a","stream":true}""", token);
        using var cut = await session.PostAreaAsync("completions/sqlcoder_7b", """{"prompt":"a","stream":true}""", token);
        var pieces = await EmulatorSession.ReadEventsAsync(cut);

        Assert.True(syncIsNotTaken.TryGetProperty("result", out _));
        EmulatorSession.AssertError(failed, 336100);
        var piece = Assert.Single(pieces);
        Assert.False(piece.GetProperty("is_end").GetBoolean());
    }

    [Fact]
    public async Task SignedCalls_AreCheckedAsForChat()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var good = await SendSignedAsync(session, Embed, session.Emulator.IamSecretKey);
        using var bad = await SendSignedAsync(session, Embed, "wrong-secret");

        Assert.True((await EmulatorSession.ReadJsonAsync(good)).TryGetProperty("data", out _));
        EmulatorSession.AssertError(await EmulatorSession.ReadJsonAsync(bad), 14);
    }

    private static string Input(string text) => EmbeddingsEndpointTests.Input(1, text);

    private static Task<HttpResponseMessage> SendSignedAsync(EmulatorSession session, string path, string secretKey)
    {
        var uri = new Uri(session.Emulator.BaseUri, AreaCalls.V1Root + path);
        var timestamp = DateTimeOffset.UtcNow;
        var date = BceSigner.FormatTimestamp(timestamp);
        var authorization = BceSigner.Sign(
            session.Emulator.IamAccessKey,
            secretKey,
            HttpMethod.Post,
            uri.AbsolutePath,
            [],
            [new("host", $"{uri.Host}:{uri.Port}"), new("x-bce-date", date)],
            timestamp,
            300);
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(EmbedBody, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-bce-date", date);
        Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));
        return session.Http.SendAsync(request);
    }
}
