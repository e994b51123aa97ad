using System.Text.Json;
using Qianfan.Sdk.Tokenizer;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

/// <summary>V1 <c>embeddings/{model}</c> on the wire: deterministic vectors of the documented sizes, and each model's limits.</summary>
public sealed class EmbeddingsEndpointTests
{
    [Theory]
    [InlineData("embedding-v1", 384)]
    [InlineData("bge_large_zh", 1024)]
    [InlineData("bge_large_en", 1024)]
    [InlineData("tao_8k", 1024)]
    public async Task Answer_HasOneUnitVectorOfTheModelsSizePerText(string endpoint, int dimensions)
    {
        await using var session = await EmulatorSession.StartAsync();
        var texts = endpoint == "tao_8k" ? new[] { "你好" } : ["你好", "世界", "hello world"];

        var body = await session.AreaAsync($"embeddings/{endpoint}", JsonSerializer.Serialize(new { input = texts }));

        Assert.Equal(["id", "object", "created", "data", "usage"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("embedding_list", body.GetProperty("object").GetString());
        var data = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(texts.Length, data.Count);
        for (var i = 0; i < data.Count; i++)
        {
            Assert.Equal(["object", "embedding", "index"], data[i].EnumerateObject().Select(p => p.Name));
            Assert.Equal("embedding", data[i].GetProperty("object").GetString());
            Assert.Equal(i, data[i].GetProperty("index").GetInt32());
            var vector = data[i].Vector();
            Assert.Equal(dimensions, vector.Length);
            Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 3);
        }

        var usage = body.GetProperty("usage");
        Assert.Equal(["prompt_tokens", "total_tokens"], usage.EnumerateObject().Select(p => p.Name));
        Assert.Equal(TokenEstimator.Estimate(texts), usage.GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Vectors_AreTheSameForTheSameText_AndDifferForDifferentTexts()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();

        var first = await session.AreaAsync("embeddings/embedding-v1", """{"input":["你好","世界"]}""", token);
        var again = await session.AreaAsync("embeddings/embedding-v1", """{"input":["世界","你好"]}""", token);

        var hello = first.GetProperty("data")[0].Vector();
        var world = first.GetProperty("data")[1].Vector();
        Assert.Equal(hello, again.GetProperty("data")[1].Vector());
        Assert.Equal(world, again.GetProperty("data")[0].Vector());
        Assert.NotEqual(hello, world);
    }

    [Theory]
    [InlineData("embedding-v1", 16)]
    [InlineData("bge_large_zh", 16)]
    [InlineData("bge_large_en", 16)]
    public async Task TextCount_OverTheModelsBatchSizeIs336003(string endpoint, int limit)
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();

        var atLimit = await session.AreaAsync($"embeddings/{endpoint}", Input(limit, "a"), token);
        var over = await session.AreaAsync($"embeddings/{endpoint}", Input(limit + 1, "a"), token);

        Assert.Equal(limit, atLimit.GetProperty("data").GetArrayLength());
        EmulatorSession.AssertError(over, 336003, $"embeddings max upper limit of batch size is {limit}");
    }

    [Fact]
    public async Task Tao8k_TakesExactlyOneText()
    {
        await using var session = await EmulatorSession.StartAsync();

        var body = await session.AreaAsync("embeddings/tao_8k", Input(2, "a"));

        EmulatorSession.AssertError(body, 336003, "the input of tao-8k must hold exactly 1 text");
    }

    [Theory]
    [InlineData("embedding-v1", 1000)]
    [InlineData("bge_large_zh", 2000)]
    [InlineData("bge_large_en", 2000)]
    public async Task TextLength_OverTheModelsCharacterLimitIs336003(string endpoint, int limit)
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();

        // One long word is one token by the estimate: a text at the character limit that stays within every token limit.
        var atLimit = await session.AreaAsync($"embeddings/{endpoint}", Input(1, new string('a', limit)), token);
        var over = await session.AreaAsync($"embeddings/{endpoint}", Input(1, new string('a', limit + 1)), token);

        Assert.Equal(1, atLimit.GetProperty("data").GetArrayLength());
        EmulatorSession.AssertError(over, 336003, $"the length of each input text must not exceed {limit} characters");
    }

    [Fact]
    public async Task TextTokens_OverTheModelsTokenLimitIs336003_ByTheEstimate()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();

        // Embedding-V1: ≤ 384 tokens; 614 Chinese characters are 383 by the estimate, 615 are 384, 616 are 385.
        var within = await session.AreaAsync("embeddings/embedding-v1", Input(1, new string('字', 615)), token);
        var over = await session.AreaAsync("embeddings/embedding-v1", Input(1, new string('字', 616)), token);

        Assert.Equal(384, within.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        EmulatorSession.AssertError(over, 336003, "embeddings max tokens per text is 384");
    }

    [Theory]
    [InlineData("""{"input":[]}""", "input must not be empty")]
    [InlineData("""{"input":["a",""]}""", "input text must not be empty")]
    [InlineData("""{"input":"a"}""", "input must be a list of strings")]
    [InlineData("""{"input":[1]}""", "input must be a list of strings")]
    [InlineData("""{}""", "input must be a list of strings")]
    [InlineData("""{"input":["a"],"user_id":5}""", "user_id must be a string")]
    public async Task Body_BreakingARuleIs336003(string json, string rule)
    {
        await using var session = await EmulatorSession.StartAsync();

        EmulatorSession.AssertError(await session.AreaAsync("embeddings/embedding-v1", json), 336003, rule);
    }

    [Fact]
    public async Task NotJson_Is336002_AndAnUnknownModelIs3()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();

        EmulatorSession.AssertError(await session.AreaAsync("embeddings/embedding-v1", "not json", token), 336002);
        EmulatorSession.AssertError(await session.AreaAsync("embeddings/text-embedding-3", """{"input":["a"]}""", token), 3);
    }

    internal static string Input(int count, string text) => JsonSerializer.Serialize(new { input = Enumerable.Repeat(text, count) });
}
