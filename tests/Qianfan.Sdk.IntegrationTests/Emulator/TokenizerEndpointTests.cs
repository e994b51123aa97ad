using Qianfan.Sdk.Tokenizer;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

/// <summary>V1 <c>tokenizer/erniebot</c> on the wire: the count by the SDK's estimate rule, and its rules.</summary>
public sealed class TokenizerEndpointTests
{
    [Theory]
    [InlineData("这是待计算 token 数量的一段文本", 8)]
    [InlineData("hello world", 2)]
    [InlineData("你好", 1)]
    public async Task Count_IsTheEstimate(string prompt, int tokens)
    {
        await using var session = await EmulatorSession.StartAsync();

        var body = await session.AreaAsync("tokenizer/erniebot", $$"""{"prompt":{{System.Text.Json.JsonSerializer.Serialize(prompt)}},"model":"ernie-bot"}""");

        Assert.Equal(["id", "object", "created", "usage"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("tokenizer.erniebot", body.GetProperty("object").GetString());
        Assert.Equal(tokens, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(tokens, body.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.Equal(TokenEstimator.Estimate(prompt), tokens);
    }

    [Theory]
    [InlineData("""{"model":"ernie-bot"}""", "prompt must not be empty")]
    [InlineData("""{"prompt":"","model":"ernie-bot"}""", "prompt must not be empty")]
    [InlineData("""{"prompt":"a"}""", "model must not be empty")]
    [InlineData("""{"prompt":"a","model":"llama-2"}""", "model llama-2 is not supported by the tokenizer")]
    public async Task Body_BreakingARuleIs336003(string json, string rule)
    {
        await using var session = await EmulatorSession.StartAsync();

        EmulatorSession.AssertError(await session.AreaAsync("tokenizer/erniebot", json), 336003, rule);
    }

    [Fact]
    public async Task AnotherTokenizerIs3()
    {
        await using var session = await EmulatorSession.StartAsync();

        EmulatorSession.AssertError(await session.AreaAsync("tokenizer/llama", """{"prompt":"a","model":"ernie-bot"}"""), 3);
    }
}
