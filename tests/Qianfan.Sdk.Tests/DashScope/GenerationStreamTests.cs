using System.Net;
using Qianfan.Sdk.DashScope.Errors;
using Qianfan.Sdk.DashScope.Generation;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.DashScope;

/// <summary>
/// Streams as DashScope sends them: without and with blank lines between events, incremental and cumulative (both give
/// each chunk its new piece and the whole text), both formats, tool calls in fragments, <c>event:error</c> inside an
/// HTTP 200, an error status before the stream, and a stream cut before its finishing event.
/// </summary>
public sealed class GenerationStreamTests : IDisposable
{
    private static readonly string[] Pieces = ["1+", "1", "等于", "2。"];

    private readonly FakeDashScope _fake = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnIncrementalStream_WithOrWithoutBlankLines_GivesEachPieceAndTheWholeTextSoFar(bool spaced)
    {
        _fake.Respond(() => DashScopeReplies.Stream(DashScopeReplies.TextStream(spaced, Pieces)));
        using var client = _fake.CreateClient();

        var chunks = await ReadAsync(client.Generation.StreamAsync(Request()));

        Assert.Equal([.. Pieces, ""], chunks.Select(c => c.Delta));
        Assert.Equal(["1+", "1+1", "1+1等于", "1+1等于2。", "1+1等于2。"], chunks.Select(c => c.Text));
        Assert.Equal([null, null, null, null, "stop"], chunks.Select(c => c.FinishReason));
        Assert.True(chunks[^1].IsLast);
        Assert.All(chunks, c => Assert.Equal("5b441aa7-5b4c-9a23-a5b6-8c2b2d4b1f8e", c.RequestId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ACumulativeStream_IsMerged_IntoTheSamePiecesAndText(bool spaced)
    {
        _fake.Respond(() => DashScopeReplies.Stream(DashScopeReplies.CumulativeTextStream(spaced, Pieces)));
        using var client = _fake.CreateClient();

        var chunks = await ReadAsync(client.Generation.StreamAsync(Request(incremental: false)));

        Assert.Equal([.. Pieces, ""], chunks.Select(c => c.Delta));
        Assert.Equal("1+1等于2。", chunks[^1].Text);
        Assert.Equal("1+1等于2。", string.Concat(chunks.Select(c => c.Delta)));
    }

    [Fact]
    public async Task ACumulativeStream_ThatRewritesItsText_StartsOverFromTheCommonPart()
    {
        var body = DashScopeReplies.Event(1, DashScopeReplies.TextData("我喜欢苹"))
            + DashScopeReplies.Event(2, DashScopeReplies.TextData("我喜欢香蕉"))
            + DashScopeReplies.Event(3, DashScopeReplies.TextData("", "stop"));
        _fake.Respond(() => DashScopeReplies.Stream(body));
        using var client = _fake.CreateClient();

        var chunks = await ReadAsync(client.Generation.StreamAsync(Request(incremental: false)));

        Assert.Equal(["我喜欢苹", "香蕉", ""], chunks.Select(c => c.Delta));
        Assert.Equal(["我喜欢苹", "我喜欢香蕉", "我喜欢香蕉"], chunks.Select(c => c.Text));
    }

    [Fact]
    public async Task AMessageFormatStream_WithReasoning_SplitsReasoningFromText()
    {
        var body = DashScopeReplies.Event(1, DashScopeReplies.MessageData("", reasoning: "先想"))
            + DashScopeReplies.Event(2, DashScopeReplies.MessageData("", reasoning: "一下"))
            + DashScopeReplies.Event(3, DashScopeReplies.MessageData("您好"))
            + DashScopeReplies.Event(4, DashScopeReplies.MessageData("！", "stop", output: 9));
        _fake.Respond(() => DashScopeReplies.Stream(body));
        using var client = _fake.CreateClient();

        var response = await client.Generation.StreamAsync(Request()).ToResponseAsync().OrHang();

        Assert.Equal(GenerationResultFormat.Message, response.ResultFormat);
        Assert.Equal("您好！", response.Text);
        Assert.Equal("先想一下", response.ReasoningContent);
        Assert.Equal("stop", response.FinishReason);
        Assert.Equal(33, response.Usage!.TotalTokens);
        Assert.Equal("9188e907-56c2-9849-97f6-23f130f7fed7", response.RequestId);
    }

    [Fact]
    public async Task ToResponse_OfATextStream_IsTheReplyAOneShotCallGives()
    {
        _fake.Respond(() => DashScopeReplies.Stream(DashScopeReplies.TextStream(false, Pieces)));
        using var client = _fake.CreateClient();

        var response = await client.Generation.StreamAsync(Request()).ToResponseAsync().OrHang();

        Assert.Equal(GenerationResultFormat.Text, response.ResultFormat);
        Assert.Equal("1+1等于2。", response.Text);
        Assert.Equal("1+1等于2。", response.Output.Text);
        Assert.Equal("stop", response.FinishReason);
        Assert.Equal(4, response.Usage!.OutputTokens);
    }

    [Fact]
    public async Task StreamedToolCalls_AreAssembledFromTheirFragments()
    {
        _fake.Respond(() => DashScopeReplies.Stream(DashScopeReplies.ParallelToolCallStream));
        using var client = _fake.CreateClient();

        var chunks = await ReadAsync(client.Generation.StreamAsync(new GenerationRequest("qwen-plus")
        {
            Messages = { GenerationMessage.User("杭州和上海的天气") },
            ResultFormat = GenerationResultFormat.Message,
            Tools = { GenerationTool.ForFunction("get_current_weather") },
            ParallelToolCalls = true,
        }));

        var calls = chunks[^1].ToolCalls;
        Assert.Equal("tool_calls", chunks[^1].FinishReason);
        Assert.Equal(2, calls.Count);
        Assert.Equal(("call_29a870e7106f45deb8add3", "get_current_weather", """{"location": "浙江省杭州市"}"""), (calls[0].Id, calls[0].Function!.Name, calls[0].Function!.Arguments));
        Assert.Equal(("call_026e44bb31a74266949a20", "get_current_weather", """{"location": "上海市"}"""), (calls[1].Id, calls[1].Function!.Name, calls[1].Function!.Arguments));
        Assert.Single(chunks[0].ToolCalls);
    }

    [Fact]
    public async Task AnErrorEventInsideA200Stream_AfterSomePieces_ThrowsWithItsCode()
    {
        var body = DashScopeReplies.Event(1, DashScopeReplies.TextData("1+"))
            + DashScopeReplies.Event(2, DashScopeReplies.ErrorJson("DataInspectionFailed", "Output data may contain inappropriate content.", "r-err"), "error", 400);
        _fake.Respond(() => DashScopeReplies.Stream(body));
        using var client = _fake.CreateClient();
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<DashScopeException>(async () =>
        {
            await foreach (var chunk in client.Generation.StreamAsync(Request()))
            {
                received.Add(chunk.Delta);
            }
        }).OrHang();

        Assert.Equal(["1+"], received);
        Assert.Equal("DataInspectionFailed", error.Code);
        Assert.Equal("r-err", error.RequestId);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task AnErrorEventFirst_AsTheServiceAnswersAnInvalidStreamRequest_ThrowsWithItsCode()
    {
        var body = DashScopeReplies.Event(1, DashScopeReplies.ErrorJson("InvalidParameter", "Role must be user or assistant and Content length must be greater than 0", "7671ecd8"), "error", 400);
        _fake.Respond(() => DashScopeReplies.Stream(body));
        using var client = _fake.CreateClient();

        var error = await Assert.ThrowsAsync<DashScopeException>(() => ReadAsync(client.Generation.StreamAsync(Request()))).OrHang();

        Assert.Equal("InvalidParameter", error.Code);
        Assert.Equal("7671ecd8", error.RequestId);
        Assert.Contains("Content length must be greater than 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorStatusBeforeTheStream_ThrowsWithItsCodeAndStatus()
    {
        _fake.Respond(() => DashScopeReplies.Error(HttpStatusCode.Unauthorized, "InvalidApiKey", "Invalid API-key provided."));
        using var client = _fake.CreateClient();

        var error = await Assert.ThrowsAsync<DashScopeException>(() => ReadAsync(client.Generation.StreamAsync(Request()))).OrHang();

        Assert.Equal("InvalidApiKey", error.Code);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task AStreamCutBeforeItsFinishingEvent_Throws_AfterThePiecesReceived()
    {
        var body = DashScopeReplies.Event(1, DashScopeReplies.TextData("1+")) + DashScopeReplies.Event(2, DashScopeReplies.TextData("1"));
        _fake.Respond(() => DashScopeReplies.Stream(body));
        using var client = _fake.CreateClient();
        var received = 0;

        var error = await Assert.ThrowsAsync<DashScopeStreamEndedException>(async () =>
        {
            await foreach (var _ in client.Generation.StreamAsync(Request()))
            {
                received++;
            }
        }).OrHang();

        Assert.Equal(2, received);
        Assert.Equal(2, error.ChunksReceived);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task DoneEventsAndEventsWithoutOutput_AreSkipped()
    {
        var body = DashScopeReplies.Event(1, """{"request_id":"x"}""") + DashScopeReplies.Event(2, DashScopeReplies.TextData("好", "stop")) + "event:done\ndata:[DONE]\n";
        _fake.Respond(() => DashScopeReplies.Stream(body));
        using var client = _fake.CreateClient();

        var chunks = await ReadAsync(client.Generation.StreamAsync(Request()));

        Assert.Equal("好", Assert.Single(chunks).Text);
    }

    [Fact]
    public async Task TheStream_IsSentOnFirstIteration_NotBefore()
    {
        _fake.Respond(() => DashScopeReplies.Stream(DashScopeReplies.TextStream(false, "好")));
        using var client = _fake.CreateClient();

        var stream = client.Generation.StreamAsync(Request());
        Assert.Empty(_fake.Requests);
        await ReadAsync(stream);

        Assert.Single(_fake.Requests);
    }

    public void Dispose() => _fake.Dispose();

    private static GenerationRequest Request(bool? incremental = null) =>
        new("qwen-turbo") { Prompt = "请问 1+1 是多少？", IncrementalOutput = incremental };

    private static async Task<List<GenerationChunk>> ReadAsync(IAsyncEnumerable<GenerationChunk> stream)
    {
        var chunks = new List<GenerationChunk>();
        await Task.Run(async () =>
        {
            await foreach (var chunk in stream)
            {
                chunks.Add(chunk);
            }
        }).OrHang();
        return chunks;
    }
}
