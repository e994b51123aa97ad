using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Tokenizer;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

/// <summary>V1 <c>completions/{endpoint}</c> on the wire: sync and streamed continuations, chat's parameter rules, custom services.</summary>
public sealed class CompletionsEndpointTests
{
    private const string Continuation = "这是千帆模拟器的续写。接着“SELECT”往下写。祝你一切顺利！";

    [Fact]
    public async Task Sync_AnswersTheContinuationWithUsage()
    {
        await using var session = await EmulatorSession.StartAsync();

        var body = await session.AreaAsync("completions/sqlcoder_7b", """{"prompt":"SELECT","temperature":0.5}""");

        Assert.Equal("completion", body.GetProperty("object").GetString());
        Assert.Equal(Continuation, body.GetProperty("result").GetString());
        Assert.False(body.GetProperty("need_clear_history").GetBoolean());
        var usage = body.GetProperty("usage");
        Assert.Equal(1, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(TokenEstimator.Estimate(Continuation), usage.GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Stream_SendsOnePiecePerSentence_TheLastWithIsEnd()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.PostAreaAsync("completions/codellama_7b_instruct", """{"prompt":"SELECT","stream":true}""");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await EmulatorSession.ReadEventsAsync(response);

        Assert.Equal(["这是千帆模拟器的续写。", "接着“SELECT”往下写。", "祝你一切顺利！"], events.Select(e => e.GetProperty("result").GetString()));
        Assert.All(events, e => Assert.Equal("completion", e.GetProperty("object").GetString()));
        Assert.Equal([false, false, true], events.Select(e => e.GetProperty("is_end").GetBoolean()));
    }

    [Theory]
    [InlineData("""{}""", "prompt must not be empty")]
    [InlineData("""{"prompt":""}""", "prompt must not be empty")]
    [InlineData("""{"prompt":"a","temperature":0}""", "temperature must be in range (0, 1.0]")]
    [InlineData("""{"prompt":"a","top_k":0}""", "top_k must be a positive integer")]
    [InlineData("""{"prompt":"a","max_output_tokens":1}""", "max_output_tokens must be an integer in range [2, 2048]")]
    [InlineData("""{"prompt":"a","stop":["1","2","3","4","5"]}""", "stop must have at most 4 elements")]
    public async Task Body_BreakingARuleIs336003(string json, string rule)
    {
        await using var session = await EmulatorSession.StartAsync();

        EmulatorSession.AssertError(await session.AreaAsync("completions/sqlcoder_7b", json), 336003, rule);
    }

    [Fact]
    public async Task ACustomService_IsServedWithItsLimits()
    {
        var options = new QianfanEmulatorOptions();
        options.CustomEndpoints.Add(ModelSpec.ForCustomEndpoint("my_dolly", maxInputCharacters: 5, supportedParameters: ["temperature"]));
        await using var session = await EmulatorSession.StartAsync(options);
        var token = await session.GetTokenAsync();

        var ok = await session.AreaAsync("completions/my_dolly", """{"prompt":"12345","temperature":0.5}""", token);
        var tooLong = await session.AreaAsync("completions/my_dolly", """{"prompt":"123456"}""", token);
        var unsupported = await session.AreaAsync("completions/my_dolly", """{"prompt":"1","top_k":1}""", token);
        var unknown = await session.AreaAsync("completions/other", """{"prompt":"1"}""", token);

        Assert.True(ok.TryGetProperty("result", out _));
        EmulatorSession.AssertError(tooLong, 336003, "the length of prompt must not exceed 5 characters");
        EmulatorSession.AssertError(unsupported, 336003, "the parameter top_k is not supported by model my_dolly");
        EmulatorSession.AssertError(unknown, 3);
    }

    [Fact]
    public async Task ReplyFactory_WritesTheContinuation_AndAnUnsafePromptClearsIt()
    {
        var options = new QianfanEmulatorOptions { ReplyFactory = c => $"[{c.Endpoint}] {c.LastUserMessage}!" };
        await using var session = await EmulatorSession.StartAsync(options);
        session.Scenarios.ClearHistoryTrigger = "危险";
        var token = await session.GetTokenAsync();

        var custom = await session.AreaAsync("completions/sqlcoder_7b", """{"prompt":"SELECT"}""", token);
        var flagged = await session.AreaAsync("completions/sqlcoder_7b", """{"prompt":"危险的话"}""", token);

        Assert.Equal("[sqlcoder_7b] SELECT!", custom.GetProperty("result").GetString());
        Assert.True(flagged.GetProperty("need_clear_history").GetBoolean());
        Assert.Equal(-1, flagged.GetProperty("ban_round").GetInt32());
        Assert.Equal("", flagged.GetProperty("result").GetString());
    }

    [Fact]
    public async Task GetIs336101_AndNoTokenIs110()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();

        using var get = await session.Http.GetAsync($"{AreaCalls.V1Root}completions/sqlcoder_7b?access_token={token}");
        using var anonymous = await session.PostChatRawAsync("""{"prompt":"a"}""", $"{AreaCalls.V1Root}completions/sqlcoder_7b");

        EmulatorSession.AssertError(await EmulatorSession.ReadJsonAsync(get), 336101);
        EmulatorSession.AssertError(await EmulatorSession.ReadJsonAsync(anonymous), 110);
    }
}
