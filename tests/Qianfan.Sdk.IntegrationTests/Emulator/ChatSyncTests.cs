using System.Net;
using System.Text.Json;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

public sealed class ChatSyncTests
{
    [Fact]
    public async Task Chat_AnswersWithEveryDocumentedField()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.PostChatAsync(EmulatorSession.UserBody("介绍一下长城"));
        var body = await EmulatorSession.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("^as-[a-z0-9]{10}$", body.GetProperty("id").GetString());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.InRange(body.GetProperty("created").GetInt64(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60);
        Assert.False(body.GetProperty("is_truncated").GetBoolean());
        Assert.False(body.GetProperty("need_clear_history").GetBoolean());
        Assert.Equal("normal", body.GetProperty("finish_reason").GetString());
        Assert.Equal(0, body.GetProperty("flag").GetInt32());
        Assert.False(body.TryGetProperty("sentence_id", out _));
        Assert.False(body.TryGetProperty("is_end", out _));
        Assert.False(body.TryGetProperty("ban_round", out _));
        var usage = body.GetProperty("usage");
        Assert.Equal(
            usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(),
            usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Chat_DefaultReplyQuotesLastUserMessageInThreeSentences()
    {
        await using var session = await EmulatorSession.StartAsync();
        const string Body = """
            {"messages":[
              {"role":"user","content":"第一个问题"},
              {"role":"assistant","content":"第一个回答"},
              {"role":"user","content":"1加1为什么等于2"}]}
            """;

        var body = await session.ChatAsync(Body);

        Assert.Equal("这是千帆模拟器的回答。你说的是：1加1为什么等于2。祝你一切顺利！", body.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Chat_UsageIsDeterministicFromTheText()
    {
        await using var session = await EmulatorSession.StartAsync();

        var first = await session.ChatAsync(EmulatorSession.UserBody("你好"));
        var second = await session.ChatAsync(EmulatorSession.UserBody("你好"));

        // The SDK's estimate (Baidu's Go SDK): 0.625 tokens per Chinese character, one per other word; 2 and 22 characters.
        Assert.Equal(1, first.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(13, first.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(first.GetProperty("usage").ToString(), second.GetProperty("usage").ToString());
        Assert.NotEqual(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Chat_SendsChineseAsRawUtf8()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.PostChatAsync(EmulatorSession.UserBody("你好"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Contains("千帆模拟器", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ReplyFactorySeesTheRequest()
    {
        ChatReplyContext? seen = null;
        var options = new QianfanEmulatorOptions
        {
            ReplyFactory = context =>
            {
                seen = context;
                return $"echo {context.LastUserMessage} at {context.Endpoint}";
            },
        };
        await using var session = await EmulatorSession.StartAsync(options);

        var body = await session.ChatAsync("""{"messages":[{"role":"user","content":"ping"}],"system":"你是助手","temperature":0.5,"user_id":"u1"}""");

        Assert.Equal("echo ping at ernie-lite-8k", body.GetProperty("result").GetString());
        Assert.NotNull(seen);
        Assert.Equal("ERNIE-Lite-8K-0308", seen.Model.Name);
        Assert.Equal("你是助手", seen.System);
        Assert.False(seen.IsStream);
        Assert.Equal(0.5, seen.Parameters["temperature"].GetDouble());
        Assert.Equal("u1", seen.Parameters["user_id"].GetString());
        Assert.Equal([new ChatReplyMessage("user", "ping")], seen.Messages);
    }

    [Fact]
    public async Task Chat_FailingReplyFactoryIsAnInternalError()
    {
        var options = new QianfanEmulatorOptions { ReplyFactory = _ => throw new InvalidOperationException("boom") };
        await using var session = await EmulatorSession.StartAsync(options);

        var body = await session.ChatAsync(EmulatorSession.UserBody("hi"));

        EmulatorSession.AssertError(body, 336000);
        Assert.Contains("boom", body.GetProperty("error_msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ServesEveryCatalogEndpoint()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();

        foreach (var spec in ModelCatalog.All)
        {
            var body = await session.ChatAsync(EmulatorSession.UserBody("hi"), spec.Endpoint, token);
            Assert.True(body.TryGetProperty("result", out _), $"{spec.Endpoint}: {body}");
        }

        Assert.Equal(ModelCatalog.All.Select(s => s.Endpoint).Distinct().Order(), session.Emulator.Endpoints.Keys.Order());
    }

    [Fact]
    public async Task Chat_ServesCustomEndpointWithItsLimits()
    {
        var options = new QianfanEmulatorOptions
        {
            CustomEndpoints = { ModelSpec.ForCustomEndpoint("dolly_12b", 4800, ["top_k", "temperature", "stream"]) },
        };
        await using var session = await EmulatorSession.StartAsync(options);
        var token = await session.GetTokenAsync();

        var ok = await session.ChatAsync(EmulatorSession.UserBody("hi", ""","top_k":5"""), "dolly_12b", token);
        var tooLong = await session.ChatAsync(EmulatorSession.UserBody(new string('a', 4801)), "dolly_12b", token);
        var unsupported = await session.ChatAsync(EmulatorSession.UserBody("hi", ""","penalty_score":1.5"""), "dolly_12b", token);

        Assert.True(ok.TryGetProperty("result", out _));
        EmulatorSession.AssertError(tooLong, 336003, "the total length of messages content and system must not exceed 4800 characters");
        EmulatorSession.AssertError(unsupported, 336003, "the parameter penalty_score is not supported by model dolly_12b");
    }

    [Fact]
    public async Task Chat_UnknownEndpoint_IsError3InHttp200()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.PostChatAsync(EmulatorSession.UserBody("hi"), "no-such-model");
        var body = await EmulatorSession.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        EmulatorSession.AssertError(body, 3, "Unsupported openapi method");
        Assert.True(response.Headers.Contains("X-Baidu-Request-Id"));
    }

    [Fact]
    public async Task UnknownPath_IsError3()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.Http.PostAsync("/rpc/2.0/ai_custom/v1/wenxinworkshop/completions/x", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        EmulatorSession.AssertError(await EmulatorSession.ReadJsonAsync(response), 3, "Unsupported openapi method");
    }

    [Fact]
    public async Task Chat_GetIsInvalidHttpMethod()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();

        using var response = await session.Http.GetAsync($"{EmulatorSession.ChatPath}ernie-lite-8k?access_token={token}");

        EmulatorSession.AssertError(await EmulatorSession.ReadJsonAsync(response), 336101, "Invalid HTTP method");
    }

    [Theory]
    [InlineData("{\"messages\":[")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[1,2]")]
    public async Task Chat_InvalidJson_Is336002(string body)
    {
        await using var session = await EmulatorSession.StartAsync();

        var answer = await session.ChatAsync(body);

        EmulatorSession.AssertError(answer, 336002, "Invalid JSON");
    }

    [Fact]
    public async Task Chat_NullOptionalParametersAreIgnored()
    {
        await using var session = await EmulatorSession.StartAsync();

        var body = await session.ChatAsync(EmulatorSession.UserBody("hi", ""","temperature":null,"stop":null"""));

        Assert.True(body.TryGetProperty("result", out _));
    }

    [Fact]
    public async Task Chat_EveryAnswerCarriesRequestIdAndStatement()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.PostChatAsync(EmulatorSession.UserBody("hi"));

        Assert.Matches("^[0-9a-f]{32}$", Assert.Single(response.Headers.GetValues("X-Baidu-Request-Id")));
        Assert.Equal("AI-generated", Assert.Single(response.Headers.GetValues("Statement")));
        Assert.Equal(JsonValueKind.Object, (await EmulatorSession.ReadJsonAsync(response)).ValueKind);
    }
}
