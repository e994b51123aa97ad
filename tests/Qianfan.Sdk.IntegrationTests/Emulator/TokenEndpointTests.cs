using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

public sealed class TokenEndpointTests
{
    [Fact]
    public async Task Token_IssuesRealShapedTokenWithAllFields()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.RequestTokenAsync();
        var json = await EmulatorSession.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^24\.[0-9a-f]{32}\.2592000\.\d{10}\.\d+-\d+$", json.GetProperty("access_token").GetString());
        Assert.Equal(2592000, json.GetProperty("expires_in").GetInt64());
        Assert.StartsWith("25.", json.GetProperty("refresh_token").GetString(), StringComparison.Ordinal);
        Assert.Contains("brain_all_scope", json.GetProperty("scope").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("session_key").GetString()));
        Assert.Matches("^[0-9a-f]{32}$", json.GetProperty("session_secret").GetString());
    }

    [Fact]
    public async Task Token_EachExchangeGivesADifferentToken()
    {
        await using var session = await EmulatorSession.StartAsync();

        var first = await session.GetTokenAsync();
        var second = await session.GetTokenAsync();

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Token_ExpiresInFollowsConfiguredLifetime()
    {
        await using var session = await EmulatorSession.StartAsync(new QianfanEmulatorOptions { TokenLifetime = TimeSpan.FromHours(1) });

        using var response = await session.RequestTokenAsync();
        var json = await EmulatorSession.ReadJsonAsync(response);

        Assert.Equal(3600, json.GetProperty("expires_in").GetInt64());
        Assert.Contains(".3600.", json.GetProperty("access_token").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_AcceptsFormBodyAndGet()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = session.Emulator.ApiKey,
            ["client_secret"] = session.Emulator.SecretKey,
        });
        using var formResponse = await session.Http.PostAsync("/oauth/2.0/token", form);
        using var getResponse = await session.Http.GetAsync(
            $"/oauth/2.0/token?grant_type=client_credentials&client_id={session.Emulator.ApiKey}&client_secret={session.Emulator.SecretKey}");

        Assert.Equal(HttpStatusCode.OK, formResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, getResponse.StatusCode);
        Assert.True((await EmulatorSession.ReadJsonAsync(formResponse)).TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task Token_UsesConfiguredCredentials()
    {
        await using var session = await EmulatorSession.StartAsync(new QianfanEmulatorOptions { ApiKey = "my-ak", SecretKey = "my-sk" });

        using var good = await session.RequestTokenAsync("my-ak", "my-sk");
        using var defaults = await session.RequestTokenAsync(QianfanEmulatorOptions.DefaultApiKey, QianfanEmulatorOptions.DefaultSecretKey);

        Assert.Equal("my-ak", session.Emulator.ApiKey);
        Assert.Equal("my-sk", session.Emulator.SecretKey);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, defaults.StatusCode);
    }

    [Fact]
    public async Task Token_UnknownClientId_Is401UnknownClientId()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.RequestTokenAsync(apiKey: "someone-else");

        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", "unknown client id");
    }

    [Fact]
    public async Task Token_WrongSecret_Is401ClientAuthenticationFailed()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.RequestTokenAsync(secretKey: "wrong");

        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", "Client authentication failed");
    }

    [Theory]
    [InlineData("grant_type=password&")]
    [InlineData("")]
    public async Task Token_BadOrMissingGrantType_Is400UnsupportedGrantType(string grant)
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.Http.PostAsync(
            $"/oauth/2.0/token?{grant}client_id={session.Emulator.ApiKey}&client_secret={session.Emulator.SecretKey}", null);

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type", null);
    }

    [Theory]
    [InlineData("client_secret=emulator-secret-key", "client_id")]
    [InlineData("client_id=emulator-api-key", "client_secret")]
    public async Task Token_MissingParameter_Is400InvalidRequestNamingIt(string present, string missing)
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.Http.PostAsync($"/oauth/2.0/token?grant_type=client_credentials&{present}", null);

        var body = await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", null);
        Assert.Contains(missing, body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_IssuedTokenWorksForChat()
    {
        await using var session = await EmulatorSession.StartAsync();

        var token = await session.GetTokenAsync();
        var answer = await session.ChatAsync(EmulatorSession.UserBody("hi"), token: token);

        Assert.Equal("chat.completion", answer.GetProperty("object").GetString());
    }

    [Fact]
    public async Task CreateAccessToken_GivesAWorkingTokenWithoutARequest()
    {
        await using var session = await EmulatorSession.StartAsync();

        var token = session.Emulator.CreateAccessToken();
        var answer = await session.ChatAsync(EmulatorSession.UserBody("hi"), token: token);

        Assert.Matches(new Regex(@"^24\."), token);
        Assert.True(answer.TryGetProperty("result", out _));
        Assert.Single(session.Emulator.Requests);
    }

    private static async Task<JsonElement> AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error, string? description)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await EmulatorSession.ReadJsonAsync(response);
        Assert.Equal(error, body.GetProperty("error").GetString());
        var actualDescription = body.GetProperty("error_description").GetString();
        Assert.False(string.IsNullOrEmpty(actualDescription));
        if (description is not null)
        {
            Assert.Equal(description, actualDescription);
        }

        Assert.False(body.TryGetProperty("access_token", out _));
        return body;
    }
}
