using Microsoft.Extensions.Time.Testing;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

public sealed class AccessTokenTests
{
    [Fact]
    public async Task Chat_WithoutToken_Is110()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.PostChatRawAsync(EmulatorSession.UserBody("hi"), $"{EmulatorSession.ChatPath}ernie-lite-8k");
        var body = await EmulatorSession.ReadJsonAsync(response);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        EmulatorSession.AssertError(body, 110, "Access token invalid or no longer valid");
    }

    [Fact]
    public async Task Chat_WithUnknownToken_Is110()
    {
        await using var session = await EmulatorSession.StartAsync();

        var body = await session.ChatAsync(EmulatorSession.UserBody("hi"), token: "24.00000000000000000000000000000000.2592000.1700000000.282335-1");

        EmulatorSession.AssertError(body, 110, "Access token invalid or no longer valid");
    }

    [Fact]
    public async Task Chat_TokenFromAnotherEmulator_Is110()
    {
        await using var other = await EmulatorSession.StartAsync();
        await using var session = await EmulatorSession.StartAsync();

        var body = await session.ChatAsync(EmulatorSession.UserBody("hi"), token: await other.GetTokenAsync());

        EmulatorSession.AssertError(body, 110);
    }

    [Fact]
    public async Task Chat_TokenPastItsLifetime_Is111()
    {
        var clock = new FakeTimeProvider();
        await using var session = await EmulatorSession.StartAsync(new QianfanEmulatorOptions { TimeProvider = clock });
        var token = await session.GetTokenAsync();

        var fresh = await session.ChatAsync(EmulatorSession.UserBody("hi"), token: token);
        clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        var almost = await session.ChatAsync(EmulatorSession.UserBody("hi"), token: token);
        clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await session.ChatAsync(EmulatorSession.UserBody("hi"), token: token);

        Assert.True(fresh.TryGetProperty("result", out _));
        Assert.True(almost.TryGetProperty("result", out _));
        EmulatorSession.AssertError(expired, 111, "Access token expired");
    }

    [Fact]
    public async Task ExpireAllTokens_ExpiresIssuedTokensButNotNewOnes()
    {
        await using var session = await EmulatorSession.StartAsync();
        var before = await session.GetTokenAsync();

        session.Scenarios.ExpireAllTokens();
        var old = await session.ChatAsync(EmulatorSession.UserBody("hi"), token: before);
        var renewed = await session.ChatAsync(EmulatorSession.UserBody("hi"), token: await session.GetTokenAsync());

        EmulatorSession.AssertError(old, 111, "Access token expired");
        Assert.True(renewed.TryGetProperty("result", out _));
    }

    [Fact]
    public async Task ExpireTokensAfterCalls_EachTokenAnswers111AfterServingN()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Scenarios.ExpireTokensAfterCalls = 2;
        var first = await session.GetTokenAsync();

        var one = await session.ChatAsync(EmulatorSession.UserBody("1"), token: first);
        var two = await session.ChatAsync(EmulatorSession.UserBody("2"), token: first);
        var three = await session.ChatAsync(EmulatorSession.UserBody("3"), token: first);
        var second = await session.GetTokenAsync();
        var four = await session.ChatAsync(EmulatorSession.UserBody("4"), token: second);

        Assert.True(one.TryGetProperty("result", out _));
        Assert.True(two.TryGetProperty("result", out _));
        EmulatorSession.AssertError(three, 111, "Access token expired");
        Assert.True(four.TryGetProperty("result", out _));
    }

    [Fact]
    public async Task ExpiredToken_StillRecordedWithTheEndpoint()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        session.Scenarios.ExpireAllTokens();

        await session.ChatAsync(EmulatorSession.UserBody("hi"), token: token);

        var chat = Assert.Single(session.Emulator.Requests, r => r.IsChat);
        Assert.Equal("ernie-lite-8k", chat.Endpoint);
    }
}
