using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.IntegrationTests.Credentials;

/// <summary>Each way to authenticate, against the emulator: app keys (OAuth), IAM keys (signing, bearer), V2 API key.</summary>
public sealed class CredentialTypeTests
{
    private static ChatRequest Ask(string message) => new() { Messages = { ChatMessage.User(message) } };

    private static ChatCompletionRequest AskV2(string message) => new("ernie-lite-8k") { Messages = { ChatMessage.User(message) } };

    private static QianfanOptions Options(QianfanEmulator emulator) => new()
    {
        BaseUrl = emulator.BaseUri,
        V2BaseUrl = emulator.BaseUri,
        IamBaseUrl = emulator.BaseUri,
        Retry = new RetryOptions { MaxRetries = 0 },
    };

    [Fact]
    public async Task IamKeys_SignV1CallsWithNoAccessToken()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var options = Options(emulator);
        var credentials = new QianfanCredentials
        {
            IamAccessKey = emulator.IamAccessKey,
            IamSecretKey = emulator.IamSecretKey,
        };
        using var client = new QianfanClient(credentials, options);

        var reply = await client.Chat.CompleteAsync(Ask("签名调用"));
        var streamed = string.Concat(await client.Chat.StreamAsync(Ask("签名流式")).Select(c => c.Result).ToListAsync());

        Assert.Contains("签名调用", reply.Result, StringComparison.Ordinal);
        Assert.Contains("签名流式", streamed, StringComparison.Ordinal);
        var calls = emulator.Requests.Where(r => r.IsChat).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call =>
        {
            Assert.DoesNotContain("access_token", call.QueryString, StringComparison.Ordinal);
            Assert.True(call.Headers.ContainsKey("x-bce-date"));
            Assert.True(call.Headers.ContainsKey("Authorization"));
        });
        Assert.DoesNotContain(emulator.Requests, r => r.IsTokenRequest);
    }

    [Fact]
    public async Task IamKeys_WinOverTheApplicationKeys()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var options = Options(emulator);
        var credentials = new QianfanCredentials
        {
            ApiKey = emulator.ApiKey,
            SecretKey = emulator.SecretKey,
            IamAccessKey = emulator.IamAccessKey,
            IamSecretKey = emulator.IamSecretKey,
        };
        using var client = new QianfanClient(credentials, options);

        await client.Chat.CompleteAsync(Ask("两种都有"));

        Assert.DoesNotContain(emulator.Requests, r => r.IsTokenRequest);
        Assert.True(Assert.Single(emulator.Requests, r => r.IsChat).Headers.ContainsKey("x-bce-date"));
    }

    [Fact]
    public async Task AWrongIamSecret_IsRefusedWithError14AndNotRetried()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var options = Options(emulator);
        var credentials = new QianfanCredentials
        {
            IamAccessKey = emulator.IamAccessKey,
            IamSecretKey = "not-the-secret",
        };
        options.Retry.MaxRetries = 3;
        using var client = new QianfanClient(credentials, options);

        var error = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(Ask("错误的密钥")));

        Assert.Equal(QianfanErrorCodes.IamCertificationFailed, error.ErrorCode);
        Assert.Single(emulator.Requests, r => r.IsChat);
        Assert.DoesNotContain("not-the-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AV2ApiKey_ChatsSyncAndStreamed()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var options = Options(emulator);
        var credentials = new QianfanCredentials
        {
            V2ApiKey = emulator.V2ApiKey,
        };
        using var client = new QianfanClient(credentials, options);

        var reply = await client.ChatCompletions.CompleteAsync(AskV2("第二版接口"));
        var chunks = await client.ChatCompletions.StreamAsync(AskV2("第二版流式")).ToListAsync();

        Assert.Contains("第二版接口", reply.Content, StringComparison.Ordinal);
        Assert.Equal("stop", reply.Choices[0].FinishReason);
        Assert.True(reply.Usage!.TotalTokens > 0);
        Assert.Contains("第二版流式", string.Concat(chunks.Select(c => c.ContentDelta)), StringComparison.Ordinal);
        Assert.NotNull(chunks[^1].Usage);
        var calls = emulator.Requests.Where(r => r.Path == "/v2/chat/completions").ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call => Assert.Equal("***", call.Headers["Authorization"]));
    }

    [Fact]
    public async Task IamKeys_GetOneCachedBearerTokenForV2()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var options = Options(emulator);
        var credentials = new QianfanCredentials
        {
            IamAccessKey = emulator.IamAccessKey,
            IamSecretKey = emulator.IamSecretKey,
        };
        using var client = new QianfanClient(credentials, options);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.ChatCompletions.CompleteAsync(AskV2($"并发{i}"))));
        await client.ChatCompletions.StreamAsync(AskV2("流式")).ToListAsync();

        Assert.Single(emulator.Requests, r => r.Path == "/v1/BCE-BEARER/token");
        Assert.Equal(21, emulator.Requests.Count(r => r.Path == "/v2/chat/completions"));
    }

    [Fact]
    public async Task V2Errors_BecomeQianfanExceptionsWithTheStringCode()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var options = Options(emulator);
        var credentials = new QianfanCredentials
        {
            V2ApiKey = emulator.V2ApiKey,
        };
        using var client = new QianfanClient(credentials, options);

        var error = await Assert.ThrowsAsync<QianfanException>(() =>
            client.ChatCompletions.CompleteAsync(new ChatCompletionRequest("no-such-model") { Messages = { ChatMessage.User("hi") } }));

        Assert.NotNull(error.ErrorName);
        Assert.NotNull(error.StatusCode);
        Assert.Contains(error.ErrorName!, error.Message, StringComparison.Ordinal);

        // The service's 401 names the model, not the key: the call is neither reported as a rejected key nor repeated.
        Assert.Equal("invalid_model", error.ErrorName);
        Assert.Single(emulator.Requests, r => r.IsV2Chat);
    }

    [Fact]
    public async Task AWrongV2ApiKey_IsRefused()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var options = Options(emulator);
        var credentials = new QianfanCredentials
        {
            V2ApiKey = "bce-v3/ALTAK-wrong/wrong",
        };
        using var client = new QianfanClient(credentials, options);

        var error = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => client.ChatCompletions.CompleteAsync(AskV2("错的key")));

        // A fixed key cannot be renewed: the call fails at once, naming the setting, and is not sent again.
        Assert.Equal("token_rejected", error.Error);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("V2ApiKey (QIANFAN_API_KEY)", error.Message, StringComparison.Ordinal);
        Assert.Equal("invalid_iam_token", Assert.IsType<QianfanException>(error.InnerException).ErrorName);
        Assert.False(error.IsRetryable);
        Assert.DoesNotContain("ALTAK-wrong", error.Message, StringComparison.Ordinal);
        Assert.Single(emulator.Requests, r => r.IsV2Chat);
    }

    [Fact]
    public async Task V2CallsWithoutV2Credentials_FailAtOnceNamingWhatToSet()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var options = Options(emulator);
        var credentials = new QianfanCredentials
        {
            ApiKey = emulator.ApiKey,
            SecretKey = emulator.SecretKey,
        };
        using var client = new QianfanClient(credentials, options);

        var error = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => client.ChatCompletions.CompleteAsync(AskV2("没有V2凭据")));

        Assert.Equal("missing_credentials", error.Error);
        Assert.Null(error.StatusCode);
        Assert.Contains("QIANFAN_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(emulator.Requests, r => r.Path == "/v2/chat/completions");
    }

    [Fact]
    public async Task V2Tools_RoundTrip()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var options = Options(emulator);
        var credentials = new QianfanCredentials
        {
            V2ApiKey = emulator.V2ApiKey,
        };
        using var client = new QianfanClient(credentials, options);
        var request = AskV2("请调用工具查天气");
        request.Tools.Add(ChatTool.ForFunction("get_weather", "查询天气"));

        var first = await client.ChatCompletions.CompleteAsync(request);

        Assert.Equal("tool_calls", first.Choices[0].FinishReason);
        var call = Assert.Single(first.Choices[0].Message!.ToolCalls!);
        Assert.Equal("get_weather", call.Function!.Name);

        var followUp = AskV2("请调用工具查天气");
        followUp.Tools.Add(ChatTool.ForFunction("get_weather", "查询天气"));
        followUp.Messages.Add(first.Choices[0].Message!);
        followUp.Messages.Add(ChatMessage.Tool(call.Id!, "晴，25度"));
        var second = await client.ChatCompletions.CompleteAsync(followUp);

        Assert.Contains("晴，25度", second.Content, StringComparison.Ordinal);
    }
}
