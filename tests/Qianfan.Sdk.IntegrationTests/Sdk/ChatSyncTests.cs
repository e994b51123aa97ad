using System.Text.Json;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.IntegrationTests.Sdk;

public sealed class ChatSyncTests
{
    private const string ChatPath = "/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/";

    [Fact]
    public async Task Complete_ReturnsTheReplyWithUsageIdRateLimitAndRequestId()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var reply = await client.Chat.CompleteAsync(SdkHarness.Ask("1加1为什么等于2?"));

        Assert.Equal(SdkHarness.DefaultReply("1加1为什么等于2?"), reply.Result);
        Assert.Contains("1加1为什么等于2?", reply.Result, StringComparison.Ordinal);
        Assert.Matches("^as-[a-z0-9]{10}$", reply.Id);
        Assert.Equal("chat.completion", reply.ObjectType);
        Assert.InRange(reply.Created, before - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.False(reply.IsTruncated);
        Assert.False(reply.NeedClearHistory);
        Assert.Null(reply.BanRound);

        var usage = Assert.IsType<TokenUsage>(reply.Usage);
        Assert.True(usage.PromptTokens > 0);
        Assert.True(usage.CompletionTokens > 0);
        Assert.Equal(usage.PromptTokens + usage.CompletionTokens, usage.TotalTokens);

        var rateLimit = Assert.IsType<RateLimitInfo>(reply.RateLimit);
        Assert.Equal(300, rateLimit.LimitRequests);
        Assert.Equal(300_000, rateLimit.LimitTokens);
        Assert.Equal(299, rateLimit.RemainingRequests);
        Assert.Equal(300_000 - usage.TotalTokens, rateLimit.RemainingTokens);

        Assert.Matches("^[0-9a-f]{32}$", reply.RequestId);
    }

    [Fact]
    public async Task Complete_RateLimitFollowsTheHeadersOfEachAnswer()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync(new QianfanEmulatorOptions { RequestsPerMinute = 60, TokensPerMinute = 5000 });
        using var client = SdkHarness.Client(emu);

        var first = await client.Chat.CompleteAsync(SdkHarness.Ask("a"));
        var second = await client.Chat.CompleteAsync(SdkHarness.Ask("b"));

        Assert.Equal(60, first.RateLimit!.LimitRequests);
        Assert.Equal(5000, first.RateLimit.LimitTokens);
        Assert.Equal(59, first.RateLimit.RemainingRequests);
        Assert.Equal(58, second.RateLimit!.RemainingRequests);
        Assert.Equal(5000 - first.Usage!.TotalTokens - second.Usage!.TotalTokens, second.RateLimit.RemainingTokens);
        Assert.NotEqual(first.RequestId, second.RequestId);
    }

    [Fact]
    public async Task Complete_SendsOnlyTheMessagesWhenNoParameterIsSet()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);

        await client.Chat.CompleteAsync(SdkHarness.Ask("你好", "ERNIE-Speed-8K"));

        var sent = Assert.Single(emu.ChatRequests());
        Assert.Equal("POST", sent.Method);
        Assert.StartsWith("application/json", sent.Headers["Content-Type"], StringComparison.Ordinal);
        var body = sent.Json();
        Assert.Equal(["messages"], body.PropertyNames());
        Assert.Equal([("user", "你好")], sent.Messages());
        Assert.Equal(["role", "content"], body.GetProperty("messages")[0].PropertyNames());
    }

    [Fact]
    public async Task Complete_SendsEverySetParameterUnderTheServicesName()
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        var request = new ChatRequest("ERNIE-Speed-8K")
        {
            Messages = { ChatMessage.User("q1"), ChatMessage.Assistant("a1"), ChatMessage.User("q2") },
            System = "你是一位数学老师",
            Temperature = 0.8f,
            TopP = 0.5f,
            PenaltyScore = 1.5f,
            MaxOutputTokens = 512,
            FrequencyPenalty = -0.5f,
            PresencePenalty = 1.25f,
            Stop = { "END", "。。" },
            UserId = "user-42",
        };

        var reply = await client.Chat.CompleteAsync(request);

        Assert.Equal(SdkHarness.DefaultReply("q2"), reply.Result);
        var sent = Assert.Single(emu.ChatRequests());
        var body = sent.Json();
        Assert.Equal(
            ["frequency_penalty", "max_output_tokens", "messages", "penalty_score", "presence_penalty", "stop", "system", "temperature", "top_p", "user_id"],
            body.PropertyNames().Order(StringComparer.Ordinal));
        Assert.Equal([("user", "q1"), ("assistant", "a1"), ("user", "q2")], sent.Messages());
        Assert.Equal("你是一位数学老师", body.GetProperty("system").GetString());
        Assert.Equal(0.8f, body.GetProperty("temperature").GetSingle());
        Assert.Equal(0.5f, body.GetProperty("top_p").GetSingle());
        Assert.Equal(1.5f, body.GetProperty("penalty_score").GetSingle());
        Assert.Equal(512, body.GetProperty("max_output_tokens").GetInt32());
        Assert.Equal(-0.5f, body.GetProperty("frequency_penalty").GetSingle());
        Assert.Equal(1.25f, body.GetProperty("presence_penalty").GetSingle());
        Assert.Equal(["END", "。。"], body.GetProperty("stop").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("user-42", body.GetProperty("user_id").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("temperature").ValueKind);
    }

    [Theory]
    [InlineData("ERNIE-Speed-8K", "ernie_speed")]
    [InlineData("ERNIE-4.0-8K", "completions_pro")]
    [InlineData("ERNIE-3.5-8K", "completions")]
    [InlineData("ernie-speed-8k", "ernie_speed")]
    [InlineData("ERNIE-Bot-4", "completions_pro")]
    [InlineData(null, "ernie-lite-8k")]
    public async Task Complete_PostsToTheModelsEndpoint(string? model, string endpoint)
    {
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);

        var reply = await client.Chat.CompleteAsync(SdkHarness.Ask("hi", model));

        Assert.Equal(SdkHarness.DefaultReply("hi"), reply.Result);
        var sent = Assert.Single(emu.ChatRequests());
        Assert.Equal(endpoint, sent.Endpoint);
        Assert.Equal(ChatPath + endpoint, sent.Path);
    }

    [Fact]
    public async Task Complete_DefaultModelIsErnieLite8K()
    {
        Assert.Equal("ERNIE-Lite-8K", ModelCatalog.DefaultModel);
        await using var emu = await SdkHarness.StartEmulatorAsync();
        using var client = SdkHarness.Client(emu);
        var request = new ChatRequest { Messages = { ChatMessage.User("hi") } };

        await client.Chat.CompleteAsync(request);

        Assert.Equal("ernie-lite-8k", Assert.Single(emu.ChatRequests()).Endpoint);
    }

    [Fact]
    public async Task Complete_UsesReplyFactoryText_AsTheServiceReturnedIt()
    {
        var options = new QianfanEmulatorOptions
        {
            ReplyFactory = context => $"{context.Endpoint}|{context.Messages.Count}|{context.System}|{context.Parameters["temperature"].GetRawText()}",
        };
        await using var emu = await SdkHarness.StartEmulatorAsync(options);
        using var client = SdkHarness.Client(emu);
        var request = SdkHarness.Ask("hi", "ERNIE-4.0-8K");
        request.System = "persona";
        request.Temperature = 0.25f;

        var reply = await client.Chat.CompleteAsync(request);

        Assert.Equal("completions_pro|1|persona|0.25", reply.Result);
    }
}
