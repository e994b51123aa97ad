using System.Net;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Tests.TestSupport;
using Qianfan.Sdk.Tokenizer;

namespace Qianfan.Sdk.Tests.Tokenizer;

/// <summary>Token counting: the service's exact count (what is sent, what comes back) and the offline estimate's rule.</summary>
public sealed class TokenizerTests
{
    [Fact]
    public async Task Count_PostsThePromptAndTheModelFamily()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json("""{"id":"as-t","object":"tokenizer.erniebot","created":1,"usage":{"prompt_tokens":12,"total_tokens":12}}"""));
        using var client = fake.CreateClient();

        await client.Tokenizer.CountAsync("这是待计算 token 数量的一段文本");

        var sent = Assert.Single(fake.AreaRequests);
        Assert.Equal("https://aip.test/rpc/2.0/ai_custom/v1/wenxinworkshop/tokenizer/erniebot", sent.Uri.GetLeftPart(UriPartial.Path));
        Assert.Equal("token-1", sent.AccessToken);
        Assert.Equal("""{"prompt":"这是待计算 token 数量的一段文本","model":"ernie-bot"}""", sent.Body);
    }

    [Fact]
    public async Task Count_ReturnsTheServicesCount_WithRequestIdAndTheHttpAnswer()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Json("""{"id":"as-t","object":"tokenizer.erniebot","created":1,"usage":{"prompt_tokens":12,"total_tokens":12}}""", HttpStatusCode.OK, ("X-Baidu-Request-Id", "req-t")));
        using var client = fake.CreateClient();

        var count = await client.Tokenizer.CountAsync("文本", "ernie-4.0-8k");

        Assert.Equal(12, count.TotalTokens);
        Assert.Equal(12, count.Usage!.PromptTokens);
        Assert.Equal("tokenizer.erniebot", count.ObjectType);
        Assert.Equal("req-t", count.RequestId);
        Assert.Equal(HttpStatusCode.OK, count.Response!.StatusCode);
        Assert.Equal("ernie-4.0-8k", Assert.Single(fake.AreaRequests).Json.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Count_EmptyTextIsRejectedBeforeSending()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanValidationException>(() => client.Tokenizer.CountAsync(""));

        Assert.Equal("prompt", ex.ParamName);
        Assert.Empty(fake.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task Count_AnEmptyModelIsRejectedBeforeSending(string model)
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Tokenizer.CountAsync("文本", model));

        Assert.Equal("model", ex.ParamName);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Count_ErrorInA200BodyThrows()
    {
        using var fake = new FakeQianfan();
        fake.RespondToArea(() => Responses.Error(336003, "model not supported"));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Tokenizer.CountAsync("文本"));

        Assert.Equal(336003, ex.ErrorCode);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData("你好", 1)] // 2 × 0.625 = 1.25
    [InlineData("你好世界", 2)] // 2.5
    [InlineData("八个汉字八个汉字", 5)]
    [InlineData("hello world", 2)]
    [InlineData("hello, world... 2024!", 3)] // punctuation and spaces separate words
    [InlineData("这是待计算 token 数量的一段文本", 8)] // 12 Han (7.5) + 1 word
    [InlineData("2024年", 1)] // 1 word + 0.625
    [InlineData("𠀀𠀁𠀂𠀃", 2)] // Han beyond the BMP count as Han
    [InlineData("a\tb\nc", 3)]
    public void Estimate_Is0625PerHanCharacterPlusOnePerOtherWord(string? text, int expected)
    {
        Assert.Equal(expected, TokenEstimator.Estimate(text));
        Assert.Equal(expected, TokenizerClient.Estimate(text));
    }

    [Fact]
    public void Estimate_OfSeveralTextsIsTheSumOfEach() =>
        Assert.Equal(1 + 1 + 2, TokenEstimator.Estimate(["你好", "世界", "hello world"]));

    /// <summary>
    /// The over-limit warnings skip estimating an input no longer than the limit; that holds only while the estimate
    /// never counts more tokens than the text has UTF-16 characters, whatever the mix.
    /// </summary>
    [Theory]
    [InlineData("a")]
    [InlineData("a好a好a好a好")] // the densest mix: every Han character starts a new word after it
    [InlineData("好")]
    [InlineData("a b c d e f")]
    [InlineData("x𠀀y𠀁z")]
    [InlineData("😀a😀b😀")]
    [InlineData("1,2,3;4.5")]
    [InlineData("这是待计算 token 数量的一段文本")]
    public void Estimate_NeverCountsMoreTokensThanTheTextHasCharacters(string text)
    {
        for (var repeat = 1; repeat <= 64; repeat *= 4)
        {
            var repeated = string.Concat(Enumerable.Repeat(text, repeat));
            Assert.InRange(TokenEstimator.Estimate(repeated), 0, repeated.Length);
        }
    }
}
