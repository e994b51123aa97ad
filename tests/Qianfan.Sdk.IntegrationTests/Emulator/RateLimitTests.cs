using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Headers_AdvertiseQuotaAndCountDownWhatWasServed()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();

        using var first = await session.PostChatAsync(EmulatorSession.UserBody("你好"), token: token);
        var firstTotal = (await EmulatorSession.ReadJsonAsync(first)).GetProperty("usage").GetProperty("total_tokens").GetInt32();
        using var second = await session.PostChatAsync(EmulatorSession.UserBody("你好"), token: token);

        Assert.Equal(300, Header(first, "X-Ratelimit-Limit-Requests"));
        Assert.Equal(300_000, Header(first, "X-Ratelimit-Limit-Tokens"));
        Assert.Equal(299, Header(first, "X-Ratelimit-Remaining-Requests"));
        Assert.Equal(300_000 - firstTotal, Header(first, "X-Ratelimit-Remaining-Tokens"));
        Assert.Equal(298, Header(second, "X-Ratelimit-Remaining-Requests"));
        Assert.Equal(300_000 - (2 * firstTotal), Header(second, "X-Ratelimit-Remaining-Tokens"));
    }

    [Fact]
    public async Task Headers_AreOnStreamsAndErrorsToo_AndErrorsCostNothing()
    {
        await using var session = await EmulatorSession.StartAsync(new QianfanEmulatorOptions { RequestsPerMinute = 50, TokensPerMinute = 1000 });
        var token = await session.GetTokenAsync();

        using var stream = await session.PostChatAsync(EmulatorSession.StreamBody("你好"), token: token);
        using var error = await session.PostChatAsync("{}", token: token);

        Assert.Equal(50, Header(stream, "X-Ratelimit-Limit-Requests"));
        Assert.Equal(1000, Header(stream, "X-Ratelimit-Limit-Tokens"));
        Assert.Equal(49, Header(stream, "X-Ratelimit-Remaining-Requests"));
        Assert.Equal(49, Header(error, "X-Ratelimit-Remaining-Requests"));
        Assert.Equal(Header(stream, "X-Ratelimit-Remaining-Tokens"), Header(error, "X-Ratelimit-Remaining-Tokens"));
    }

    [Fact]
    public async Task Headers_RefillOnceTheMinuteHasPassed()
    {
        var clock = new FakeTimeProvider();
        await using var session = await EmulatorSession.StartAsync(new QianfanEmulatorOptions { TimeProvider = clock });
        var token = await session.GetTokenAsync();

        using var first = await session.PostChatAsync(EmulatorSession.UserBody("hi"), token: token);
        clock.Advance(TimeSpan.FromSeconds(30));
        using var second = await session.PostChatAsync(EmulatorSession.UserBody("hi"), token: token);
        clock.Advance(TimeSpan.FromSeconds(30));
        using var third = await session.PostChatAsync(EmulatorSession.UserBody("hi"), token: token);

        Assert.Equal(299, Header(first, "X-Ratelimit-Remaining-Requests"));
        Assert.Equal(298, Header(second, "X-Ratelimit-Remaining-Requests"));
        Assert.Equal(298, Header(third, "X-Ratelimit-Remaining-Requests"));
    }

    [Fact]
    public async Task AdvertisedQuota_IsNotEnforcedByDefault()
    {
        await using var session = await EmulatorSession.StartAsync(new QianfanEmulatorOptions { RequestsPerMinute = 2 });
        var token = await session.GetTokenAsync();

        for (var i = 0; i < 3; i++)
        {
            using var response = await session.PostChatAsync(EmulatorSession.UserBody("hi"), token: token);
            Assert.True((await EmulatorSession.ReadJsonAsync(response)).TryGetProperty("result", out _));
            Assert.Equal(Math.Max(0, 1 - i), Header(response, "X-Ratelimit-Remaining-Requests"));
        }
    }

    [Fact]
    public async Task RpmLimit_RefusesWith336501UntilTheWindowMoves()
    {
        var clock = new FakeTimeProvider();
        await using var session = await EmulatorSession.StartAsync(new QianfanEmulatorOptions { TimeProvider = clock });
        session.Scenarios.RpmLimit = 2;
        var token = await session.GetTokenAsync();

        var one = await session.ChatAsync(EmulatorSession.UserBody("1"), token: token);
        clock.Advance(TimeSpan.FromSeconds(10));
        var two = await session.ChatAsync(EmulatorSession.UserBody("2"), token: token);
        using var refused = await session.PostChatAsync(EmulatorSession.UserBody("3"), token: token);
        var refusedBody = await EmulatorSession.ReadJsonAsync(refused);
        clock.Advance(TimeSpan.FromSeconds(50));
        var afterFirstLeft = await session.ChatAsync(EmulatorSession.UserBody("4"), token: token);
        var stillFull = await session.ChatAsync(EmulatorSession.UserBody("5"), token: token);

        Assert.True(one.TryGetProperty("result", out _));
        Assert.True(two.TryGetProperty("result", out _));
        EmulatorSession.AssertError(refusedBody, 336501, "Rpm limit reached");
        Assert.Equal(2, Header(refused, "X-Ratelimit-Limit-Requests"));
        Assert.Equal(0, Header(refused, "X-Ratelimit-Remaining-Requests"));
        Assert.True(afterFirstLeft.TryGetProperty("result", out _));
        EmulatorSession.AssertError(stillFull, 336501);
    }

    [Fact]
    public async Task TpmLimit_RefusesWith336502WhenThePromptWouldPassIt()
    {
        var clock = new FakeTimeProvider();
        await using var session = await EmulatorSession.StartAsync(new QianfanEmulatorOptions { TimeProvider = clock });
        session.Scenarios.TpmLimit = 30;
        var token = await session.GetTokenAsync();

        // "你好" costs 1 prompt + 13 completion tokens; 28 Chinese characters ask for 17 more, past the 30.
        using var first = await session.PostChatAsync(EmulatorSession.UserBody("你好"), token: token);
        var firstBody = await EmulatorSession.ReadJsonAsync(first);
        var refused = await session.ChatAsync(EmulatorSession.UserBody(new string('好', 28)), token: token);
        clock.Advance(TimeSpan.FromMinutes(1));
        var later = await session.ChatAsync(EmulatorSession.UserBody(new string('好', 28)), token: token);

        Assert.Equal(14, firstBody.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.Equal(30, Header(first, "X-Ratelimit-Limit-Tokens"));
        Assert.Equal(16, Header(first, "X-Ratelimit-Remaining-Tokens"));
        EmulatorSession.AssertError(refused, 336502, "Tpm limit reached");
        Assert.True(later.TryGetProperty("result", out _));
    }

    [Fact]
    public async Task QpsLimit_RefusesWithError18WithinOneSecond()
    {
        var clock = new FakeTimeProvider();
        await using var session = await EmulatorSession.StartAsync(new QianfanEmulatorOptions { TimeProvider = clock });
        session.Scenarios.QpsLimit = 2;
        var token = await session.GetTokenAsync();

        var one = await session.ChatAsync(EmulatorSession.UserBody("1"), token: token);
        var two = await session.ChatAsync(EmulatorSession.UserBody("2"), token: token);
        var three = await session.ChatAsync(EmulatorSession.UserBody("3"), token: token);
        clock.Advance(TimeSpan.FromSeconds(1));
        var four = await session.ChatAsync(EmulatorSession.UserBody("4"), token: token);

        Assert.True(one.TryGetProperty("result", out _));
        Assert.True(two.TryGetProperty("result", out _));
        EmulatorSession.AssertError(three, 18, "Open api qps request limit reached");
        Assert.True(four.TryGetProperty("result", out _));
    }

    [Fact]
    public async Task RpmLimit_HoldsUnderConcurrency()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Scenarios.RpmLimit = 5;
        var token = await session.GetTokenAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => session.ChatAsync(EmulatorSession.UserBody($"q{i}"), token: token)));

        Assert.Equal(5, answers.Count(a => a.TryGetProperty("result", out _)));
        Assert.Equal(7, answers.Count(a => a.TryGetProperty("error_code", out var code) && code.GetInt32() == 336501));
    }

    private static int Header(HttpResponseMessage response, string name) =>
        int.Parse(Assert.Single(response.Headers.GetValues(name)), CultureInfo.InvariantCulture);
}
