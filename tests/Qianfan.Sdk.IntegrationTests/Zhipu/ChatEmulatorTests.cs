using System.Net;
using System.Text.Json;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Zhipu.Chat;
using Qianfan.Sdk.Zhipu.Errors;

namespace Qianfan.Sdk.IntegrationTests.Zhipu;

/// <summary>
/// GLM chat against the emulator: sync and stream alike, reasoning for GLM-4.5 and later, tool calls (whole and in
/// fragments), the service's refusals as the SDK's typed errors, and the shared scenarios in Zhipu's codes.
/// </summary>
public sealed class ChatEmulatorTests
{
    private static ChatCompletionRequest Ask(string model, string text) => new(model) { Messages = { ChatMessage.User(text) } };

    [Fact]
    public async Task AStream_SaysWhatTheSyncReplySays_AndEndsAtDone()
    {
        await using var session = await ZhipuSession.StartAsync();

        var reply = await session.Client.Chat.CompleteAsync(Ask("glm-4-plus", "介绍一下你自己。谢谢！"));
        var pieces = new List<string>();
        await foreach (var chunk in session.Client.Chat.StreamAsync(Ask("glm-4-plus", "介绍一下你自己。谢谢！")))
        {
            pieces.Add(chunk.ContentDelta);
        }

        Assert.True(pieces.Count(p => p.Length > 0) > 1, "the answer came in one piece");
        Assert.Equal(reply.Content, string.Concat(pieces));
        var raw = await (await session.PostAsync(ZhipuSession.ChatPath, """{"model":"glm-4","stream":true,"messages":[{"role":"user","content":"你好"}]}""")).Content.ReadAsStringAsync();
        Assert.EndsWith("data: [DONE]\n\n", raw, StringComparison.Ordinal);
        Assert.Contains("\"usage\":{", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("glm-4.5", true, null)]
    [InlineData("glm-4.6", false, "disabled")]
    [InlineData("glm-4", false, null)]
    public async Task Reasoning_ComesFromGlm45AndLater_UnlessThinkingIsDisabled(string model, bool reasons, string? thinking)
    {
        await using var session = await ZhipuSession.StartAsync();
        var request = Ask(model, "1+1等于几？");
        request.Thinking = thinking is null ? null : ChatThinking.Disabled;

        var reply = await session.Client.Chat.CompleteAsync(request);
        var streamed = await session.Client.Chat.StreamAsync(request).ToCompletionAsync();

        Assert.Equal(reasons, reply.ReasoningContent is { Length: > 0 });
        Assert.Equal(reply.ReasoningContent, streamed.ReasoningContent);
        Assert.Equal(reply.Content, streamed.Content);
    }

    [Theory]
    [InlineData("glm-4", null)]
    [InlineData("glm-4.6", true)]
    public async Task ATool_IsCalledByTheToolRule_WholeOrStreamedInFragments(string model, bool? toolStream)
    {
        await using var session = await ZhipuSession.StartAsync();
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""");
        var request = Ask(model, "北京天气怎么样？");
        request.Tools.Add(ChatTool.ForFunction("get_weather", "查询城市的天气", schema.RootElement));
        request.ToolStream = toolStream;

        var reply = await session.Client.Chat.CompleteAsync(request);
        var streamed = await session.Client.Chat.StreamAsync(request).ToCompletionAsync();

        foreach (var completion in new[] { reply, streamed })
        {
            Assert.Equal("tool_calls", completion.FinishReason);
            var call = Assert.Single(completion.ToolCalls);
            Assert.Equal("get_weather", call.Function!.Name);
            using var arguments = JsonDocument.Parse(call.Function.Arguments!);
            Assert.True(arguments.RootElement.TryGetProperty("city", out _));
        }

        request.Messages.Add(new ChatMessage(ChatRole.Assistant, "") { ToolCalls = [.. reply.ToolCalls.Select(c => c with { Index = null })] });
        request.Messages.Add(ChatMessage.Tool(reply.ToolCalls[0].Id!, "北京：晴"));
        Assert.Contains("北京：晴", (await session.Client.Chat.CompleteAsync(request)).Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"glm-4","temperature":1.5,"messages":[{"role":"user","content":"你好"}]}""", "1210", "限制数值范围[0,1]")]
    [InlineData("""{"model":"glm-4","top_p":0.955,"messages":[{"role":"user","content":"你好"}]}""", "1210", "限两位小数")]
    [InlineData("""{"model":"glm-4","messages":[{"role":"user","content":"你好"},{"role":"assistant"}]}""", "1214", "content和tool_calls 字段不能同时为空")]
    [InlineData("""{"model":"glm-4","messages":[{"role":"system","content":"你是助手"}]}""", "1214", "不能只包含系统消息或助手消息")]
    [InlineData("""{"model":"glm-4","messages":[]}""", "1214", "messages")]
    [InlineData("""{"model":"gpt-4","messages":[{"role":"user","content":"你好"}]}""", "1211", "模型不存在")]
    public async Task TheServicesChecks_AnswerItsCodesAndWords(string body, string code, string words)
    {
        await using var session = await ZhipuSession.StartAsync();

        using var response = await session.PostAsync(ZhipuSession.ChatPath, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await ZhipuSession.JsonAsync(response)).GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Contains(words, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusal_ReachesTheCaller_AsTheSdksTypedError()
    {
        await using var session = await ZhipuSession.StartAsync();
        session.Emulator.Scenarios.ClearHistoryTrigger = "不该说的话";

        var error = await Assert.ThrowsAsync<ZhipuException>(() => session.Client.Chat.CompleteAsync(Ask("glm-4", "这是不该说的话")));

        Assert.Equal((ZhipuErrorCodes.ContentBlocked, HttpStatusCode.BadRequest), (error.ErrorCode, error.StatusCode));
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task RateLimitAndBalance_BothAre429_OnlyTheRateLimitIsRetried()
    {
        await using var session = await ZhipuSession.StartAsync(configure: o => o.Retry.MaxRetries = 2);

        session.Scenarios.FailNextCalls(1, ZhipuErrorCodes.ConcurrencyExceeded);
        var retried = await session.Client.Chat.CompleteAsync(Ask("glm-4", "你好"));
        var requestsAfterRetry = session.Emulator.Requests.Count;
        session.Scenarios.FailNextCalls(1, ZhipuErrorCodes.InsufficientBalance);
        var balance = await Assert.ThrowsAsync<ZhipuException>(() => session.Client.Chat.CompleteAsync(Ask("glm-4", "你好")));

        Assert.Contains("你好", retried.Content, StringComparison.Ordinal);
        Assert.Equal(2, requestsAfterRetry);
        Assert.Equal((ZhipuErrorCodes.InsufficientBalance, HttpStatusCode.TooManyRequests), (balance.ErrorCode, balance.StatusCode));
        Assert.Equal(requestsAfterRetry + 1, session.Emulator.Requests.Count);
    }

    [Fact]
    public async Task TheSharedLimits_AnswerZhipusRateLimitCode()
    {
        await using var session = await ZhipuSession.StartAsync();
        session.Emulator.Scenarios.QpsLimit = 1;

        await session.Client.Chat.CompleteAsync(Ask("glm-4", "你好"));
        var error = await Assert.ThrowsAsync<ZhipuException>(() => session.Client.Chat.CompleteAsync(Ask("glm-4", "你好")));

        Assert.Equal((ZhipuErrorCodes.ConcurrencyExceeded, HttpStatusCode.TooManyRequests), (error.ErrorCode, error.StatusCode));
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task ACutStream_IsReportedCut_AndAnErrorChunkAsTheServicesError()
    {
        await using var session = await ZhipuSession.StartAsync();

        session.Emulator.Scenarios.CutNextStreams(1, afterSentences: 1);
        var cut = await Assert.ThrowsAsync<ZhipuStreamEndedException>(async () =>
        {
            await foreach (var _ in session.Client.Chat.StreamAsync(Ask("glm-4", "介绍一下你自己。谢谢！")))
            {
            }
        });
        session.Scenarios.FailNextStreamsAfter(1, 1, ZhipuErrorCodes.ContentBlocked);
        var failed = await Assert.ThrowsAsync<ZhipuException>(async () =>
        {
            await foreach (var _ in session.Client.Chat.StreamAsync(Ask("glm-4", "介绍一下你自己。谢谢！")))
            {
            }
        });

        Assert.Equal(1, cut.ChunksReceived);
        Assert.Equal(ZhipuErrorCodes.ContentBlocked, failed.ErrorCode);
    }

    [Fact]
    public async Task TheGatewaysFaults_AreRetriedLikeTheServicesOwn()
    {
        await using var session = await ZhipuSession.StartAsync(configure: o => o.Retry.MaxRetries = 2);
        session.Emulator.Scenarios.RespondToNextChatCallsWithStatus(1, 502);

        var reply = await session.Client.Chat.CompleteAsync(Ask("glm-4", "你好"));

        Assert.Contains("你好", reply.Content, StringComparison.Ordinal);
        Assert.Equal(2, session.Emulator.Requests.Count);
    }

    [Fact]
    public async Task TheRequestId_IsEchoed()
    {
        await using var session = await ZhipuSession.StartAsync();

        var reply = await session.Client.Chat.CompleteAsync(Ask("glm-4", "你好"));

        Assert.NotNull(reply.RequestId);
        var request = Ask("glm-4", "你好");
        request.RequestId = "my-request-0001";
        Assert.Equal("my-request-0001", (await session.Client.Chat.CompleteAsync(request)).RequestId);
    }
}
