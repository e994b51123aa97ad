using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Qianfan.Sdk.Authentication;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.EmulatorV2;

/// <summary>Who may call <c>/v2/chat/completions</c>: the V2 API Key, an unexpired bearer token, or an IAM signature.</summary>
public sealed class V2AuthTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer wrong-key")]
    [InlineData("Bearer bce-v3/ALTAK-emulator/emulator-v2-secreT")]
    [InlineData("Basic YWJjOmRlZg==")]
    [InlineData("bce-v3/ALTAK-emulator/emulator-v2-secret")]
    public async Task MissingOrWrongCredential_IsInvalidIamToken(string? authorization)
    {
        await using var session = await V2Session.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, V2Session.ChatPath)
        {
            Content = new StringContent(V2Session.UserBody("你好"), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));
        }

        using var response = await session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        V2Session.AssertError(await V2Session.ReadJsonAsync(response), "invalid_iam_token", "invalid_request_error", "IAM Certification failed");
    }

    [Fact]
    public async Task SchemeName_IsCaseInsensitive()
    {
        await using var session = await V2Session.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, V2Session.ChatPath)
        {
            Content = new StringContent(V2Session.UserBody("你好"), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("bearer", session.Emulator.V2ApiKey);
        using var response = await session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task V1AccessToken_IsNotAV2Credential()
    {
        await using var session = await V2Session.StartAsync();

        var answer = await session.ChatAsync(V2Session.UserBody("你好"), HttpStatusCode.Unauthorized, key: session.Emulator.CreateAccessToken());

        V2Session.AssertError(answer, "invalid_iam_token", "invalid_request_error");
    }

    [Fact]
    public async Task UnknownBearerTokenOfTheRightShape_IsRejected()
    {
        await using var session = await V2Session.StartAsync();

        var answer = await session.ChatAsync(V2Session.UserBody("你好"), HttpStatusCode.Unauthorized, key: "bce-v3/ALTAK-abcdefghij0123456789/0123456789abcdef0123456789abcdef01234567");

        V2Session.AssertError(answer, "invalid_iam_token", "invalid_request_error");
    }

    [Fact]
    public async Task IamSignedCall_IsAnswered()
    {
        await using var session = await V2Session.StartAsync();

        using var request = Signed(session, session.Emulator.IamSecretKey);
        using var response = await session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chat.completion", (await V2Session.ReadJsonAsync(response)).GetProperty("object").GetString());
    }

    [Fact]
    public async Task IamSignedCall_WithWrongSecret_IsInvalidIamToken()
    {
        await using var session = await V2Session.StartAsync();

        using var request = Signed(session, "wrong-secret");
        using var response = await session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        V2Session.AssertError(await V2Session.ReadJsonAsync(response), "invalid_iam_token", "invalid_request_error");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task MethodsOtherThanPost_AreMethodNotSupported(string method)
    {
        await using var session = await V2Session.StartAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), V2Session.ChatPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Emulator.V2ApiKey);
        using var response = await session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        V2Session.AssertError(await V2Session.ReadJsonAsync(response), "method_not_supported", "invalid_request_error", "Only POST requests are accepted");
    }

    [Fact]
    public async Task ErrorAnswers_CarryTheRequestIdHeader()
    {
        await using var session = await V2Session.StartAsync();

        using var response = await session.PostChatAsync(V2Session.UserBody("你好"), key: null);

        Assert.Matches("^[0-9a-f]{32}$", Assert.Single(response.Headers.GetValues("X-Baidu-Request-Id")));
    }

    private static HttpRequestMessage Signed(V2Session session, string secretKey)
    {
        var now = DateTimeOffset.UtcNow;
        var date = BceSigner.FormatTimestamp(now);
        var host = $"{session.Emulator.BaseUri.Host}:{session.Emulator.BaseUri.Port}";
        var authorization = BceSigner.Sign(
            session.Emulator.IamAccessKey, secretKey, HttpMethod.Post, V2Session.ChatPath, [], [new("host", host), new("x-bce-date", date)], now, 300);
        var request = new HttpRequestMessage(HttpMethod.Post, V2Session.ChatPath)
        {
            Content = new StringContent(V2Session.UserBody("你好"), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-bce-date", date);
        Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));
        return request;
    }
}
