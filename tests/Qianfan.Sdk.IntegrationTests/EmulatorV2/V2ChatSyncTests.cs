using System.Net;
using System.Text.Json;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.IntegrationTests.EmulatorV2;

/// <summary><c>POST /v2/chat/completions</c> without <c>stream</c>: the OpenAI-compatible answer.</summary>
public sealed class V2ChatSyncTests
{
    private const string Reply = "这是千帆模拟器的回答。你说的是：你好。祝你一切顺利！";

    [Fact]
    public async Task Answer_HasTheOpenAiShape()
    {
        var clock = V2Session.Clock();
        await using var session = await V2Session.StartAsync(new QianfanEmulatorOptions { TimeProvider = clock });

        using var response = await session.PostChatAsync(V2Session.UserBody("你好"));
        var body = await V2Session.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["id", "object", "created", "model", "choices", "usage"], body.EnumerateObject().Select(p => p.Name));
        Assert.Matches("^as-[a-z0-9]{10}$", body.GetProperty("id").GetString());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), body.GetProperty("created").GetInt64());
        Assert.Equal("ernie-lite-8k", body.GetProperty("model").GetString());

        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(["index", "message", "finish_reason"], choice.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        var message = choice.GetProperty("message");
        Assert.Equal(["role", "content"], message.EnumerateObject().Select(p => p.Name));
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.Equal(Reply, message.GetProperty("content").GetString());

        var usage = body.GetProperty("usage");
        Assert.Equal(["prompt_tokens", "completion_tokens", "total_tokens"], usage.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(13, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(14, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Answer_CarriesRequestIdAndRateLimitHeaders()
    {
        await using var session = await V2Session.StartAsync();

        using var response = await session.PostChatAsync(V2Session.UserBody("你好"));

        Assert.Matches("^[0-9a-f]{32}$", Assert.Single(response.Headers.GetValues("X-Baidu-Request-Id")));
        Assert.Equal("300", Assert.Single(response.Headers.GetValues("X-Ratelimit-Limit-Requests")));
        Assert.Equal("299", Assert.Single(response.Headers.GetValues("X-Ratelimit-Remaining-Requests")));
        Assert.Equal("300000", Assert.Single(response.Headers.GetValues("X-Ratelimit-Limit-Tokens")));
        Assert.Equal("299986", Assert.Single(response.Headers.GetValues("X-Ratelimit-Remaining-Tokens")));
    }

    [Theory]
    [InlineData("ernie-4.0-8k")]
    [InlineData("ernie-3.5-8k")]
    [InlineData("ernie-speed-8k")]
    [InlineData("ernie-lite-8k")]
    [InlineData("ernie-speed-128k")]
    [InlineData("ernie-4.0-turbo-8k")]
    [InlineData("ernie-tiny-8k")]
    public async Task LowerCasedModelNames_AreServed(string model)
    {
        await using var session = await V2Session.StartAsync();

        var body = await session.ChatAsync(V2Session.UserBody("你好", model: model));

        Assert.Equal(model, body.GetProperty("model").GetString());
    }

    [Fact]
    public async Task EveryCatalogModel_IsServedByItsLowerCasedName()
    {
        await using var session = await V2Session.StartAsync();

        foreach (var spec in ModelCatalog.All)
        {
            var model = spec.Name.ToLowerInvariant();
            var body = await session.ChatAsync(V2Session.UserBody("你好", model: model));
            Assert.Equal(model, body.GetProperty("model").GetString());
        }
    }

    [Theory]
    [InlineData("ERNIE-Lite-8K")]
    [InlineData("gpt-4o")]
    [InlineData("completions_pro")]
    public async Task OtherModelNames_AreInvalidModel(string model)
    {
        await using var session = await V2Session.StartAsync();

        var body = await session.ChatAsync(V2Session.UserBody("你好", model: model), HttpStatusCode.Unauthorized);

        V2Session.AssertError(body, "invalid_model", "invalid_request_error", "The model does not exist or you do not have access to it.");
    }

    [Fact]
    public async Task CustomService_IsServedByItsLowerCasedName()
    {
        var options = new QianfanEmulatorOptions();
        options.CustomEndpoints.Add(ModelSpec.ForCustomEndpoint("my_dolly", maxInputCharacters: 10));
        await using var session = await V2Session.StartAsync(options);

        var ok = await session.ChatAsync(V2Session.UserBody("你好", model: "my_dolly"));
        var tooLong = await session.ChatAsync(V2Session.UserBody("一二三四五六七八九十十一", model: "my_dolly"), HttpStatusCode.BadRequest);

        Assert.Equal("my_dolly", ok.GetProperty("model").GetString());
        V2Session.AssertError(tooLong, "characters_too_long", "invalid_request_error", "the max input characters is 10");
    }

    [Fact]
    public async Task MultiTurnWithSystem_QuotesTheLastUserMessage()
    {
        await using var session = await V2Session.StartAsync();
        const string Body = """
            {"model":"ernie-speed-8k","messages":[
              {"role":"system","content":"你是一位数学老师"},
              {"role":"user","content":"1加1等于几？"},
              {"role":"assistant","content":"等于2。"},
              {"role":"user","content":"那么2加2呢"}]}
            """;

        var body = await session.ChatAsync(Body);

        Assert.Equal(
            "这是千帆模拟器的回答。你说的是：那么2加2呢。祝你一切顺利！",
            body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task ReplyFactory_SeesTheConversation()
    {
        ChatReplyContext? seen = null;
        var options = new QianfanEmulatorOptions
        {
            ReplyFactory = context =>
            {
                seen = context;
                return $"{context.Model.Name}|{context.System}|{context.Messages.Count}|{context.LastUserMessage}";
            },
        };
        await using var session = await V2Session.StartAsync(options);
        const string Body = """
            {"model":"ernie-3.5-8k","temperature":0.5,"user":"u-1","messages":[
              {"role":"system","content":"简洁"},
              {"role":"user","content":"问题"}]}
            """;

        var body = await session.ChatAsync(Body);

        Assert.Equal("ERNIE-3.5-8K|简洁|1|问题", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.NotNull(seen);
        Assert.False(seen.IsStream);
        Assert.Equal("user", Assert.Single(seen.Messages).Role);
        Assert.Equal(0.5, seen.Parameters["temperature"].GetDouble());
        Assert.Equal("u-1", seen.Parameters["user"].GetString());
        Assert.Equal("ernie-3.5-8k", seen.Parameters["model"].GetString());
        Assert.False(seen.Parameters.ContainsKey("messages"));
    }

    [Fact]
    public async Task FailingReplyFactory_IsInternalError()
    {
        var options = new QianfanEmulatorOptions { ReplyFactory = _ => throw new InvalidOperationException("model crashed") };
        await using var session = await V2Session.StartAsync(options);

        var body = await session.ChatAsync(V2Session.UserBody("你好"), HttpStatusCode.InternalServerError);

        V2Session.AssertError(body, "internal_error", "Internal_error", "Internal error: model crashed");
    }

    [Fact]
    public async Task Call_IsRecordedAsV2WithTheAuthorizationMasked()
    {
        await using var session = await V2Session.StartAsync();

        await session.ChatAsync(V2Session.UserBody("你好"));

        var recorded = Assert.Single(session.Emulator.Requests);
        Assert.True(recorded.IsV2Chat);
        Assert.False(recorded.IsChat);
        Assert.False(recorded.IsBearerTokenRequest);
        Assert.Null(recorded.Endpoint);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/v2/chat/completions", recorded.Path);
        Assert.Equal("***", recorded.Headers["Authorization"]);
        Assert.Equal("ernie-lite-8k", JsonDocument.Parse(recorded.Body).RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task DefaultV2ApiKey_IsFixed()
    {
        await using var session = await V2Session.StartAsync();

        Assert.Equal("bce-v3/ALTAK-emulator/emulator-v2-secret", session.Emulator.V2ApiKey);
        Assert.Equal(QianfanEmulatorOptions.DefaultV2ApiKey, session.Emulator.V2ApiKey);
    }

    [Fact]
    public async Task ConfiguredV2ApiKey_IsTheOneAccepted()
    {
        await using var session = await V2Session.StartAsync(new QianfanEmulatorOptions { V2ApiKey = "bce-v3/ALTAK-mine/secret" });

        var accepted = await session.ChatAsync(V2Session.UserBody("你好"), key: "bce-v3/ALTAK-mine/secret");
        var rejected = await session.ChatAsync(V2Session.UserBody("你好"), HttpStatusCode.Unauthorized, key: QianfanEmulatorOptions.DefaultV2ApiKey);

        Assert.Equal("chat.completion", accepted.GetProperty("object").GetString());
        V2Session.AssertError(rejected, "invalid_iam_token", "invalid_request_error");
        await Assert.ThrowsAsync<ArgumentException>(() => QianfanEmulator.StartAsync(new QianfanEmulatorOptions { V2ApiKey = " " }));
    }
}
