using Microsoft.Extensions.Time.Testing;
using Qianfan.Sdk.Embeddings;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.IntegrationTests.Areas;
using Qianfan.Sdk.Rerank;
using Qianfan.Sdk.Tokenizer;

namespace Qianfan.Sdk.IntegrationTests.Resilience;

/// <summary>The client-side limits are one budget for the whole client: chat and every other area, V1 and V2.</summary>
public sealed class AreaRateLimitTests
{
    [Fact]
    public async Task RequestsPerMinute_CountsEveryArea()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await AreaHarness.StartAsync(
            configure: o =>
            {
                o.RateLimits.RequestsPerMinute = 3;
                o.RateLimits.QueueLimit = 0; // over the limit fails at once instead of waiting for the fake clock
            },
            clock: clock);
        var client = harness.Client;

        await client.Chat.CompleteAsync(new Chat.ChatRequest { Messages = { Chat.ChatMessage.User("你好") } });
        await client.Embeddings.CreateAsync(new EmbeddingRequest("embedding-v1", ["你好"]));
        await client.RerankV2.RerankAsync(new RerankRequest("a", ["a"]));
        var refused = await Assert.ThrowsAsync<QianfanRateLimitExceededException>(() => client.Tokenizer.CountAsync("你好"));
        clock.Advance(TimeSpan.FromMinutes(1));
        var later = await client.Tokenizer.CountAsync("你好");

        Assert.Contains("requests-per-minute", refused.Message, StringComparison.Ordinal);
        Assert.Equal(TokenEstimator.Estimate("你好"), later.TotalTokens);
        Assert.Single(harness.RequestsTo("/tokenizer/erniebot"));
    }
}
