using System.Net;
using Qianfan.Sdk.Completions;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Tests.Completions;

/// <summary>The factory builds completion results with their HTTP answer, for a substituted client to return.</summary>
public sealed class CompletionsModelFactoryTests
{
    private static readonly ServiceResponse Answer = new(HttpStatusCode.OK, null, "req-c");

    [Fact]
    public async Task ASubstitutedClient_AnswersWithTheFactorysResults()
    {
        var usage = new TokenUsage { PromptTokens = 1, CompletionTokens = 2, TotalTokens = 3 };
        var client = new CannedCompletions(
            CompletionsModelFactory.CompletionResponse("SELECT 1;", "as-1", usage, isTruncated: true, response: Answer),
            [CompletionsModelFactory.CompletionChunk("SELECT "), CompletionsModelFactory.CompletionChunk("1;", isEnd: true, sentenceId: 1, response: Answer)]);

        var reply = await client.CompleteAsync(new CompletionRequest("SQLCoder-7B", "x"));
        var chunks = await client.StreamAsync(new CompletionRequest("SQLCoder-7B", "x")).ToListAsync();

        Assert.Equal(("SELECT 1;", "as-1", true, "req-c"), (reply.Result, reply.Id, reply.IsTruncated, reply.RequestId));
        Assert.Equal(usage, reply.Usage);
        Assert.Equal(["SELECT ", "1;"], chunks.Select(c => c.Result));
        Assert.True(chunks[1].IsEnd);
        Assert.Equal("req-c", chunks[1].RequestId);
    }

    private sealed class CannedCompletions(CompletionResponse reply, CompletionChunk[] chunks) : CompletionsClient
    {
        public override Task<CompletionResponse> CompleteAsync(CompletionRequest request, CancellationToken cancellationToken = default) => Task.FromResult(reply);

        public override IAsyncEnumerable<CompletionChunk> StreamAsync(CompletionRequest request, CancellationToken cancellationToken = default) => chunks.ToAsyncEnumerable();
    }
}
