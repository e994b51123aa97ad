using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Chat;

/// <summary>
/// V1 chat validation estimates the input's tokens offline against the model's limit (seed 000: ≤ 6,144 for
/// ERNIE-Speed-8K) and warns when the estimate is over it: a warning, not a rejection, since the estimate is approximate.
/// </summary>
public sealed class ChatTokenWarningTests
{
    [Fact]
    public async Task EstimateOverTheModelsTokenLimit_LogsAWarningOnTheChatCategory_AndStillSends()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        // 9,832 Han characters: within the 24,000 characters, but 6,145 estimated tokens of 6,144.
        var request = new ChatRequest("ERNIE-Speed-8K") { Messages = { ChatMessage.User(new string('字', 9832)) } };

        var reply = await client.Chat.CompleteAsync(request);

        Assert.Equal("Hello!", reply.Result);
        Assert.Single(fake.ChatRequests);
        var warning = Assert.Single(fake.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Equal("Qianfan.Sdk.Chat", warning.Category);
        Assert.Equal(
            "ERNIE-Speed-8K: messages content plus system is estimated at 6145 tokens, over the model's limit of 6144; it is sent, but the service may refuse it (the estimate is approximate)",
            warning.Message);
    }

    [Fact]
    public async Task TheDensestTextOverTheLimit_IsWarnedAbout_ThoughItHasFewCharactersMoreThanTheLimitHasTokens()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        // "a好" is 1.625 tokens in 2 characters: 3,782 of them are 7,564 characters and 6,145 estimated tokens of 6,144.
        var request = new ChatRequest("ERNIE-Speed-8K") { Messages = { ChatMessage.User(string.Concat(Enumerable.Repeat("a好", 3782))) } };

        await client.Chat.CompleteAsync(request);

        var warning = Assert.Single(fake.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("estimated at 6145 tokens", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EstimateAtTheLimit_LogsNoWarning()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var request = new ChatRequest("ERNIE-Speed-8K") { Messages = { ChatMessage.User(new string('字', 9830)) } }; // 6,143.75

        await client.Chat.CompleteAsync(request);

        Assert.DoesNotContain(fake.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task TheSystemAndEveryMessageCount_AndStreamsAreCheckedToo()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.EventStream(Responses.Event(0, "好", isEnd: true)));
        using var client = fake.CreateClient();
        var half = new string('字', 5000); // 3,125 estimated tokens each, under the limit alone
        var request = new ChatRequest("ERNIE-Speed-8K")
        {
            System = half,
            Messages = { ChatMessage.User(half), ChatMessage.Assistant("好"), ChatMessage.User("hello world") },
        };

        await client.Chat.StreamAsync(request).ToListAsync();

        var warning = Assert.Single(fake.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("estimated at 6252 tokens", warning.Message, StringComparison.Ordinal); // 3,125 + 3,125 + 0 (好, truncated per text) + 2
    }

    [Fact]
    public async Task AModelWithoutATokenLimit_IsNeverWarnedAbout()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var request = new ChatRequest(ModelSpec.ForCustomEndpoint("my_dolly")) { Messages = { ChatMessage.User(new string('字', 20_000)) } };

        await client.Chat.CompleteAsync(request);

        Assert.DoesNotContain(fake.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
    }
}
