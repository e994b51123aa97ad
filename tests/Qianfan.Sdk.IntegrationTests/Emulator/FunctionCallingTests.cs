namespace Qianfan.Sdk.IntegrationTests.Emulator;

/// <summary>V1 function calling on the wire: the <c>function_call</c> answer, and what the emulator accepts after it.</summary>
public sealed class FunctionCallingTests
{
    private const string Functions = ""","functions":[{"name":"get_weather","description":"查询天气","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]""";

    [Fact]
    public async Task AMessageNamingTheFunction_IsAnsweredWithAFunctionCall()
    {
        await using var session = await EmulatorSession.StartAsync();

        var body = await session.ChatAsync(EmulatorSession.UserBody("北京天气", Functions), endpoint: "completions");

        Assert.Equal("function_call", body.GetProperty("finish_reason").GetString());
        Assert.Equal("", body.GetProperty("result").GetString());
        var call = body.GetProperty("function_call");
        Assert.Equal(["name", "thoughts", "arguments"], call.EnumerateObject().Select(p => p.Name));
        Assert.Equal("get_weather", call.GetProperty("name").GetString());
        Assert.Equal("""{"city":"北京天气"}""", call.GetProperty("arguments").GetString());
    }

    [Fact]
    public async Task TheFunctionsResult_IsAnsweredWithTextQuotingIt()
    {
        await using var session = await EmulatorSession.StartAsync();
        const string Body = """
            {"messages":[
              {"role":"user","content":"北京天气"},
              {"role":"assistant","content":"","function_call":{"name":"get_weather","arguments":"{\"city\":\"北京\"}"}},
              {"role":"function","name":"get_weather","content":"晴"}]
            """ + Functions + "}";

        var body = await session.ChatAsync(Body, endpoint: "completions");

        Assert.Equal("这是千帆模拟器的回答。函数 get_weather 返回的结果是：晴。祝你一切顺利！", body.GetProperty("result").GetString());
        Assert.False(body.TryGetProperty("function_call", out _));
    }

    [Theory]
    [InlineData("""{"role":"assistant","content":"好"},{"role":"function","name":"get_weather","content":"晴"}""", "the message of role function must follow an assistant message with a function_call")]
    [InlineData("""{"role":"assistant","content":"","function_call":{"name":"get_weather"}},{"role":"function","content":"晴"}""", "the message of role function must have a name")]
    [InlineData("""{"role":"assistant","content":"","function_call":{"arguments":"{}"}},{"role":"function","name":"f","content":"晴"}""", "the function_call of message must have a name")]
    [InlineData("""{"role":"assistant","content":""},{"role":"user","content":"再问"}""", "the content of message must not be empty")]
    public async Task BrokenFunctionTurns_Are336003(string turns, string rule)
    {
        await using var session = await EmulatorSession.StartAsync();

        var body = await session.ChatAsync($$"""{"messages":[{"role":"user","content":"北京天气"},{{turns}}]{{Functions}}}""", endpoint: "completions");

        EmulatorSession.AssertError(body, 336003, rule);
    }

    [Fact]
    public async Task FunctionsOnAModelThatTakesNone_Are336003()
    {
        await using var session = await EmulatorSession.StartAsync();

        var body = await session.ChatAsync(EmulatorSession.UserBody("北京天气", Functions));

        EmulatorSession.AssertError(body, 336003, "the parameter functions is not supported by model ERNIE-Lite-8K-0308");
    }
}
