using System.Text;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

public sealed class RecordingTests
{
    [Fact]
    public async Task Requests_RecordTokenAndChatCallsInArrivalOrder()
    {
        await using var session = await EmulatorSession.StartAsync();

        var token = await session.GetTokenAsync();
        await session.ChatAsync(EmulatorSession.UserBody("第一"), token: token);
        await session.ChatAsync(EmulatorSession.UserBody("第二"), "ernie_speed", token);

        var requests = session.Emulator.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal([1L, 2L, 3L], requests.Select(r => r.Sequence));
        Assert.True(requests[0].IsTokenRequest);
        Assert.Null(requests[0].Endpoint);
        Assert.Equal(["ernie-lite-8k", "ernie_speed"], requests.Skip(1).Select(r => r.Endpoint));
        Assert.All(requests, r => Assert.Equal("POST", r.Method));
        Assert.Equal("/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/ernie_speed", requests[2].Path);
        Assert.Equal(EmulatorSession.UserBody("第二"), requests[2].Body);
        Assert.True(requests[1].ReceivedAt <= requests[2].ReceivedAt);
    }

    [Fact]
    public async Task Requests_MaskAccessTokenAndClientSecretButKeepClientId()
    {
        await using var session = await EmulatorSession.StartAsync();

        var token = await session.GetTokenAsync();
        await session.ChatAsync(EmulatorSession.UserBody("hi"), token: token);

        var tokenRequest = session.Emulator.Requests[0];
        var chat = session.Emulator.Requests[1];
        Assert.Equal("?grant_type=client_credentials&client_id=emulator-api-key&client_secret=***", tokenRequest.QueryString);
        Assert.Equal("***", tokenRequest.Query["client_secret"]);
        Assert.Equal("emulator-api-key", tokenRequest.Query["client_id"]);
        Assert.Equal("?access_token=***", chat.QueryString);
        Assert.Equal("***", chat.Query["access_token"]);
        Assert.DoesNotContain(session.Emulator.SecretKey, tokenRequest.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, chat.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_MaskTheSecretInAFormBody()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = session.Emulator.ApiKey,
            ["client_secret"] = session.Emulator.SecretKey,
        });
        using var response = await session.Http.PostAsync("/oauth/2.0/token", form);

        var recorded = Assert.Single(session.Emulator.Requests);
        Assert.Equal("grant_type=client_credentials&client_id=emulator-api-key&client_secret=***", recorded.Body);
    }

    [Fact]
    public async Task Requests_RecordHeadersWithAuthorizationMasked()
    {
        await using var session = await EmulatorSession.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{EmulatorSession.ChatPath}ernie-lite-8k")
        {
            Content = new StringContent(EmulatorSession.UserBody("hi"), Encoding.UTF8, "application/json"),
        };
        Assert.True(request.Headers.TryAddWithoutValidation("Authorization", "bce-auth-v1/ak/2024-01-01T00:00:00Z/300/host;x-bce-date/abcdef"));
        request.Headers.Add("x-bce-date", "2024-01-01T00:00:00Z");
        request.Headers.Add("Request_id", "sdk-dotnet-1");

        using var response = await session.Http.SendAsync(request);

        var recorded = Assert.Single(session.Emulator.Requests);
        Assert.Equal("***", recorded.Headers["authorization"]);
        Assert.Equal("2024-01-01T00:00:00Z", recorded.Headers["X-Bce-Date"]);
        Assert.Equal("sdk-dotnet-1", recorded.Headers["Request_id"]);
        Assert.StartsWith("application/json", recorded.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(string.Empty, recorded.QueryString);
    }

    [Fact]
    public async Task Requests_CountAttemptsPerEndpoint()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();
        session.Scenarios.FailNextChatCalls(2, 336100);

        for (var i = 0; i < 3; i++)
        {
            await session.ChatAsync(EmulatorSession.UserBody("retry me"), "completions", token);
        }

        await session.ChatAsync(EmulatorSession.UserBody("other"), "completions_pro", token);

        Assert.Equal(3, session.Emulator.Requests.Count(r => r.Endpoint == "completions"));
        Assert.Equal(1, session.Emulator.Requests.Count(r => r.Endpoint == "completions_pro"));
    }

    [Fact]
    public async Task Requests_AreASnapshot_AndClearRequestsForgetsThem()
    {
        await using var session = await EmulatorSession.StartAsync();
        await session.GetTokenAsync();

        var before = session.Emulator.Requests;
        session.Emulator.ClearRequests();
        await session.GetTokenAsync();

        Assert.Single(before);
        var after = Assert.Single(session.Emulator.Requests);
        Assert.Equal(2, after.Sequence);
    }

    [Fact]
    public async Task Requests_RecordUnknownPathsAndEndpoints()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var unknownPath = await session.Http.GetAsync("/somewhere/else?x=1");
        using var unknownEndpoint = await session.PostChatRawAsync("{}", $"{EmulatorSession.ChatPath}mystery?access_token=abc");

        Assert.Collection(
            session.Emulator.Requests,
            r =>
            {
                Assert.Equal("/somewhere/else", r.Path);
                Assert.Equal("?x=1", r.QueryString);
                Assert.False(r.IsChat);
            },
            r =>
            {
                Assert.Equal("mystery", r.Endpoint);
                Assert.Equal("?access_token=***", r.QueryString);
            });
    }
}
