using Qianfan.Sdk.Completions;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.IntegrationTests.Areas;

/// <summary>V1 completions (续写) through the SDK against the emulator: sync, streamed, custom services, errors.</summary>
public sealed class CompletionsTests
{
    private const string Continuation = "这是千帆模拟器的续写。接着“SELECT * FROM users”往下写。祝你一切顺利！";

    [Fact]
    public async Task Complete_ReturnsTheContinuation_WithUsageAndRequestId()
    {
        await using var harness = await AreaHarness.StartAsync();

        var reply = await harness.Client.Completions.CompleteAsync(new CompletionRequest("SQLCoder-7B", "SELECT * FROM users") { Temperature = 0.2f, MaxOutputTokens = 64 });

        Assert.Equal(Continuation, reply.Result);
        Assert.Equal("completion", reply.ObjectType);
        Assert.Equal(reply.Usage!.PromptTokens + reply.Usage.CompletionTokens, reply.Usage.TotalTokens);
        Assert.Matches("^[0-9a-f]{32}$", reply.RequestId);
        var sent = Assert.Single(harness.RequestsTo("/completions/sqlcoder_7b"));
        Assert.Contains("\"max_output_tokens\":64", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_YieldsTheSameTextInPieces()
    {
        await using var harness = await AreaHarness.StartAsync();

        var chunks = await harness.Client.Completions.StreamAsync(new CompletionRequest("CodeLlama-7b-Instruct", "SELECT * FROM users")).ToListAsync();

        Assert.Equal(3, chunks.Count);
        Assert.Equal(Continuation, string.Concat(chunks.Select(c => c.Result)));
        Assert.True(chunks[^1].IsEnd);
        Assert.True(chunks[^1].Usage!.CompletionTokens > 0);
    }

    [Fact]
    public async Task Stream_CutByTheService_ThrowsStreamEndedAfterThePiecesReceived()
    {
        await using var harness = await AreaHarness.StartAsync();
        harness.Emulator.Scenarios.CutNextStreams(1, afterSentences: 1);
        var received = new List<string>();

        await Assert.ThrowsAsync<QianfanStreamEndedException>(async () =>
        {
            await foreach (var chunk in harness.Client.Completions.StreamAsync(new CompletionRequest("SQLCoder-7B", "SELECT")))
            {
                received.Add(chunk.Result);
            }
        });

        Assert.Equal(["这是千帆模拟器的续写。"], received);
    }

    [Fact]
    public async Task ACustomService_IsCalledAtItsEndpoint()
    {
        var spec = ModelSpec.ForCustomEndpoint("my_completion", maxInputCharacters: 100);
        var options = new QianfanEmulatorOptions();
        options.CustomEndpoints.Add(spec);
        await using var harness = await AreaHarness.StartAsync(options);

        var reply = await harness.Client.Completions.CompleteAsync(new CompletionRequest(spec, "从前"));

        Assert.StartsWith("这是千帆模拟器的续写。", reply.Result, StringComparison.Ordinal);
        Assert.Single(harness.RequestsTo("/completions/my_completion"));
    }

    [Fact]
    public async Task AnUnknownEndpoint_IsTheServicesError3()
    {
        await using var harness = await AreaHarness.StartAsync(configure: o => o.Retry.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<QianfanException>(() => harness.Client.Completions.CompleteAsync(new CompletionRequest("no_such_service", "x")));

        Assert.Equal(3, ex.ErrorCode);
    }
}
