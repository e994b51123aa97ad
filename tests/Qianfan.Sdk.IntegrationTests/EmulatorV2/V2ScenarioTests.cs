using System.Diagnostics;
using System.Net;
using System.Text;

namespace Qianfan.Sdk.IntegrationTests.EmulatorV2;

/// <summary>The emulator's chat scenarios applied to V2 calls, V1 codes translated to V2 errors.</summary>
public sealed class V2ScenarioTests
{
    [Theory]
    [InlineData(18, 429, "user_rate_limit_exceeded", "rate_limit_exceeded", "qps request limit by APP ID reached")]
    [InlineData(4, 429, "cluster_rate_limit_exceeded", "rate_limit_exceeded", "request limit by resouce cluster reached")]
    [InlineData(17, 429, "user_rate_limit_exceeded", "rate_limit_exceeded", "Open api daily request limit reached")]
    [InlineData(336501, 429, "rpm_rate_limit_exceeded", "rate_limit_exceeded", "Rate limit reached for RPM")]
    [InlineData(336502, 429, "tpm_rate_limit_exceeded", "rate_limit_exceeded", "Rate limit reached for TPM")]
    [InlineData(336100, 500, "internal_error", "Internal_error", "Internal error")]
    [InlineData(2, 500, "internal_error", "Internal_error", "Internal error")]
    [InlineData(336000, 500, "internal_error", "Internal_error", "Internal error")]
    [InlineData(123456, 500, "internal_error", "Internal_error", "error 123456")]
    [InlineData(14, 401, "invalid_iam_token", "invalid_request_error", "IAM Certification failed")]
    [InlineData(110, 401, "invalid_iam_token", "invalid_request_error", "IAM Certification failed")]
    [InlineData(111, 401, "invalid_iam_token", "invalid_request_error", "IAM Certification failed")]
    [InlineData(15, 401, "invalid_appid", "invalid_request_error", "No permission to use the appid")]
    [InlineData(6, 401, "no_parameter_permission", "access_denied", "No permission to access data")]
    [InlineData(3, 401, "invalid_model", "invalid_request_error", "The model does not exist or you do not have access to it.")]
    [InlineData(336101, 405, "method_not_supported", "invalid_request_error", "Only POST requests are accepted")]
    [InlineData(336002, 400, "malformed_json", "invalid_request_error", "Invalid Argument")]
    [InlineData(336003, 400, "invalid_argument", "invalid_request_error", "Invalid parameter")]
    public async Task FailNextChatCalls_AnswersTheV2FormOfTheCode(int code, int status, string v2Code, string type, string message)
    {
        await using var session = await V2Session.StartAsync();
        session.Scenarios.FailNextChatCalls(1, code);

        var failed = await session.ChatAsync(V2Session.UserBody("你好"), (HttpStatusCode)status);
        var recovered = await session.ChatAsync(V2Session.UserBody("你好"));

        V2Session.AssertError(failed, v2Code, type, message);
        Assert.Equal("chat.completion", recovered.GetProperty("object").GetString());
    }

    [Fact]
    public async Task FailNextChatCalls_KeepsACustomMessage()
    {
        await using var session = await V2Session.StartAsync();
        session.Scenarios.FailNextChatCalls(1, 336100, "服务繁忙");

        var failed = await session.ChatAsync(V2Session.UserBody("你好"), HttpStatusCode.InternalServerError);

        V2Session.AssertError(failed, "internal_error", "Internal_error", "服务繁忙");
    }

    [Fact]
    public async Task FailNextChatCalls_IsSharedWithV1AndNotTakenByRejectedCalls()
    {
        await using var session = await V2Session.StartAsync();
        session.Scenarios.FailNextChatCalls(2, 336501);

        var unauthenticated = await session.ChatAsync(V2Session.UserBody("你好"), HttpStatusCode.Unauthorized, key: "wrong");
        var v2 = await session.ChatAsync(V2Session.UserBody("你好"), HttpStatusCode.TooManyRequests);
        using var v1 = await session.Http.PostAsync(
            $"/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/ernie-lite-8k?access_token={session.Emulator.CreateAccessToken()}",
            new StringContent("""{"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));
        var afterwards = await session.ChatAsync(V2Session.UserBody("你好"));

        V2Session.AssertError(unauthenticated, "invalid_iam_token", "invalid_request_error");
        V2Session.AssertError(v2, "rpm_rate_limit_exceeded", "rate_limit_exceeded");
        Assert.Equal(336501, (await V2Session.ReadJsonAsync(v1)).GetProperty("error_code").GetInt32());
        Assert.Equal("chat.completion", afterwards.GetProperty("object").GetString());
    }

    [Fact]
    public async Task RespondToNextChatCallsWithStatus_GivesTheRawGatewayAnswer()
    {
        await using var session = await V2Session.StartAsync();
        session.Scenarios.RespondToNextChatCallsWithStatus(1, 502);

        using var failed = await session.PostChatAsync(V2Session.UserBody("你好"));
        var html = await failed.Content.ReadAsStringAsync();
        var recovered = await session.ChatAsync(V2Session.UserBody("你好"));

        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal("text/html", failed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("502 Bad Gateway", html, StringComparison.Ordinal);
        Assert.False(failed.Headers.Contains("X-Baidu-Request-Id"));
        Assert.Equal("chat.completion", recovered.GetProperty("object").GetString());
    }

    [Fact]
    public async Task ResetNextChatConnections_DropsTheConnection()
    {
        await using var session = await V2Session.StartAsync();
        session.Scenarios.ResetNextChatConnections(1);

        await Assert.ThrowsAsync<HttpRequestException>(() => session.PostChatAsync(V2Session.UserBody("你好")));
        var recovered = await session.ChatAsync(V2Session.UserBody("你好"));

        Assert.Equal("chat.completion", recovered.GetProperty("object").GetString());
        Assert.Equal(2, session.Emulator.Requests.Count(r => r.IsV2Chat));
    }

    [Fact]
    public async Task DelayNextChatResponses_SlowsTheNextCall()
    {
        await using var session = await V2Session.StartAsync();
        session.Scenarios.DelayNextChatResponses(1, TimeSpan.FromMilliseconds(300));

        var watch = Stopwatch.StartNew();
        await session.ChatAsync(V2Session.UserBody("你好"));

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task RpmLimit_AnswersRpmRateLimitExceededWithTheQuotaHeaders()
    {
        await using var session = await V2Session.StartAsync();
        session.Scenarios.RpmLimit = 1;

        await session.ChatAsync(V2Session.UserBody("你好"));
        using var limited = await session.PostChatAsync(V2Session.UserBody("你好"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        V2Session.AssertError(await V2Session.ReadJsonAsync(limited), "rpm_rate_limit_exceeded", "rate_limit_exceeded", "Rate limit reached for RPM");
        Assert.Equal("1", Assert.Single(limited.Headers.GetValues("X-Ratelimit-Limit-Requests")));
        Assert.Equal("0", Assert.Single(limited.Headers.GetValues("X-Ratelimit-Remaining-Requests")));
    }

    [Fact]
    public async Task QpsAndTpmLimits_AreEnforced()
    {
        await using var session = await V2Session.StartAsync();
        session.Scenarios.QpsLimit = 1;
        await session.ChatAsync(V2Session.UserBody("你好"));
        var qps = await session.ChatAsync(V2Session.UserBody("你好"), HttpStatusCode.TooManyRequests);
        session.Scenarios.QpsLimit = null;
        session.Scenarios.TpmLimit = 15; // 14 tokens spent by the first call (1 prompt, 13 completion), 3 more asked
        var tpm = await session.ChatAsync(V2Session.UserBody("你好你好你好"), HttpStatusCode.TooManyRequests);

        V2Session.AssertError(qps, "user_rate_limit_exceeded", "rate_limit_exceeded");
        V2Session.AssertError(tpm, "tpm_rate_limit_exceeded", "rate_limit_exceeded");
    }

    [Fact]
    public async Task RandomFaults_ApplyToV2Calls()
    {
        await using var session = await V2Session.StartAsync();
        session.Scenarios.InjectRandomFaults(1, seed: 3);
        var outcomes = new HashSet<string>();

        for (var i = 0; i < 30; i++)
        {
            try
            {
                using var response = await session.PostChatAsync(V2Session.UserBody("你好"));
                var text = await response.Content.ReadAsStringAsync();
                outcomes.Add(text.StartsWith('{') ? $"{(int)response.StatusCode} {V2Session.Parse(text).GetProperty("error").GetProperty("code").GetString()}" : $"{(int)response.StatusCode} html");
            }
            catch (HttpRequestException)
            {
                outcomes.Add("reset");
            }
        }

        Assert.Equal(30, session.Scenarios.RandomFaultsInjected);
        Assert.Subset(
            new HashSet<string> { "429 user_rate_limit_exceeded", "500 internal_error", "503 html", "reset", "401 invalid_iam_token" },
            outcomes);
    }

    [Fact]
    public async Task ChatScenarios_AreNotTakenByBearerTokenRequests()
    {
        await using var session = await V2Session.StartAsync();
        session.Scenarios.FailNextChatCalls(1, 336100);

        await session.IssueBearerTokenAsync("60");
        var failed = await session.ChatAsync(V2Session.UserBody("你好"), HttpStatusCode.InternalServerError);

        V2Session.AssertError(failed, "internal_error", "Internal_error");
    }
}
