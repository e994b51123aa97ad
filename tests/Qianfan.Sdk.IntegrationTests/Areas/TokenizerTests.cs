using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Tokenizer;

namespace Qianfan.Sdk.IntegrationTests.Areas;

/// <summary>Token counting through the SDK against the emulator, which counts by the SDK's own estimate rule.</summary>
public sealed class TokenizerTests
{
    [Theory]
    [InlineData("这是待计算 token 数量的一段文本")]
    [InlineData("The quick brown fox jumps over the lazy dog.")]
    [InlineData("混合 mixed 文本 text, 2024年")]
    public async Task Count_MatchesTheOfflineEstimate(string text)
    {
        await using var harness = await AreaHarness.StartAsync();

        var count = await harness.Client.Tokenizer.CountAsync(text);

        Assert.Equal(TokenEstimator.Estimate(text), count.TotalTokens);
        Assert.NotNull(count.RequestId);
        var sent = Assert.Single(harness.RequestsTo("/tokenizer/erniebot"));
        Assert.Contains("\"model\":\"ernie-bot\"", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModelTheTokenizerDoesNotCount_IsTheServices336003()
    {
        await using var harness = await AreaHarness.StartAsync(configure: o => o.Retry.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<QianfanException>(() => harness.Client.Tokenizer.CountAsync("文本", "llama-2-7b"));

        Assert.Equal(QianfanErrorCodes.InvalidParam, ex.ErrorCode);
    }
}
