using System.Text.Json;
using Qianfan.Sdk.Tokenizer;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

/// <summary>V1 <c>text2image/sd_xl</c> on the wire: real PNG files of the asked size, and Stable Diffusion XL's rules.</summary>
public sealed class Text2ImageEndpointTests
{
    [Theory]
    [InlineData(null, 1, 1024, 1024)]
    [InlineData("768x1024", 2, 768, 1024)]
    [InlineData("1024x576", 4, 1024, 576)]
    public async Task Answer_HoldsNDecodablePngsOfTheSize(string? size, int n, int width, int height)
    {
        await using var session = await EmulatorSession.StartAsync();
        var json = size is null ? """{"prompt":"一只猫"}""" : $$"""{"prompt":"一只猫","size":"{{size}}","n":{{n}}}""";

        var body = await session.AreaAsync("text2image/sd_xl", json);

        Assert.Equal(["id", "object", "created", "data", "usage"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("image", body.GetProperty("object").GetString());
        var data = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(n, data.Count);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(["object", "b64_image", "index"], data[i].EnumerateObject().Select(p => p.Name));
            Assert.Equal(i, data[i].GetProperty("index").GetInt32());
            var png = PngFile.Decode(Convert.FromBase64String(data[i].GetProperty("b64_image").GetString()!));
            Assert.Equal((width, height, (byte)8, (byte)2), (png.Width, png.Height, png.BitDepth, png.ColorType));
        }

        Assert.Equal(TokenEstimator.Estimate("一只猫"), body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Images_AreTheSameForTheSameRequest_AndDifferBetweenIndexesAndSeeds()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();

        var first = await session.AreaAsync("text2image/sd_xl", """{"prompt":"猫","size":"768x768","n":2,"seed":1}""", token);
        var again = await session.AreaAsync("text2image/sd_xl", """{"prompt":"猫","size":"768x768","n":2,"seed":1}""", token);
        var otherSeed = await session.AreaAsync("text2image/sd_xl", """{"prompt":"猫","size":"768x768","n":1,"seed":2}""", token);

        string Image(JsonElement body, int i) => body.GetProperty("data")[i].GetProperty("b64_image").GetString()!;
        Assert.Equal(Image(first, 0), Image(again, 0));
        Assert.NotEqual(Image(first, 0), Image(first, 1));
        Assert.NotEqual(Image(first, 0), Image(otherSeed, 0));
    }

    [Theory]
    [InlineData("""{}""", "prompt must not be empty")]
    [InlineData("""{"prompt":"猫","size":"512x512"}""", "size must be one of 768x768, 768x1024, 1024x768, 576x1024, 1024x576, 1024x1024")]
    [InlineData("""{"prompt":"猫","n":0}""", "n must be an integer in range [1, 4]")]
    [InlineData("""{"prompt":"猫","n":5}""", "n must be an integer in range [1, 4]")]
    [InlineData("""{"prompt":"猫","steps":9}""", "steps must be an integer in range [10, 50]")]
    [InlineData("""{"prompt":"猫","steps":51}""", "steps must be an integer in range [10, 50]")]
    [InlineData("""{"prompt":"猫","seed":-1}""", "seed must be an integer in range [0, 4294967295]")]
    [InlineData("""{"prompt":"猫","seed":4294967296}""", "seed must be an integer in range [0, 4294967295]")]
    [InlineData("""{"prompt":"猫","cfg_scale":0}""", "cfg_scale must be in range (0, 30]")]
    [InlineData("""{"prompt":"猫","cfg_scale":30.5}""", "cfg_scale must be in range (0, 30]")]
    [InlineData("""{"prompt":"猫","negative_prompt":1}""", "negative_prompt must be a string")]
    [InlineData("""{"prompt":"猫","style":1}""", "style must be a string")]
    public async Task Body_BreakingARuleIs336003(string json, string rule)
    {
        await using var session = await EmulatorSession.StartAsync();

        EmulatorSession.AssertError(await session.AreaAsync("text2image/sd_xl", json), 336003, rule);
    }

    [Fact]
    public async Task Prompts_TakeAtMost1024Characters()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();

        var atLimit = await session.AreaAsync("text2image/sd_xl", JsonSerializer.Serialize(new { prompt = new string('猫', 1024), negative_prompt = new string('狗', 1024), size = "768x768" }), token);
        var over = await session.AreaAsync("text2image/sd_xl", JsonSerializer.Serialize(new { prompt = new string('猫', 1025) }), token);
        var negativeOver = await session.AreaAsync("text2image/sd_xl", JsonSerializer.Serialize(new { prompt = "猫", negative_prompt = new string('狗', 1025) }), token);

        Assert.Equal(1, atLimit.GetProperty("data").GetArrayLength());
        EmulatorSession.AssertError(over, 336003, "the length of prompt must not exceed 1024 characters");
        EmulatorSession.AssertError(negativeOver, 336003, "the length of negative_prompt must not exceed 1024 characters");
    }

    [Theory]
    [InlineData("""{"prompt":"猫","n":1,"steps":10,"seed":0,"cfg_scale":30}""")]
    [InlineData("""{"prompt":"猫","n":4,"steps":50,"seed":4294967295,"cfg_scale":0.1,"size":"576x1024","sampler_index":"Euler a","style":"Anime","user_id":"u"}""")]
    public async Task Body_AtEveryBoundIsAnswered(string json)
    {
        await using var session = await EmulatorSession.StartAsync();

        var body = await session.AreaAsync("text2image/sd_xl", json);

        Assert.True(body.TryGetProperty("data", out _), body.ToString());
    }
}
