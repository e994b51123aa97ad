using System.Net;
using Qianfan.Sdk.DashScope.Errors;
using Qianfan.Sdk.DashScope.Generation;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.DashScope;

/// <summary>What comes back, in both shapes: <c>result_format: text</c> (<c>output.text</c>) and <c>message</c>
/// (<c>output.choices</c>) read into one reply, the request id on every result, tool calls, reasoning.</summary>
public sealed class GenerationReplyTests : IDisposable
{
    private readonly FakeDashScope _fake = new();

    [Fact]
    public async Task AToolCallingMessageWithNullContent_ReadsAsEmptyText()
    {
        _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.ToolCallReply.Replace("\"content\":\"\"", "\"content\":null", StringComparison.Ordinal)));
        using var client = _fake.CreateClient();

        var reply = await client.Generation.CompleteAsync(new GenerationRequest("qwen-turbo") { Prompt = "杭州天气怎么样？" }).OrHang();

        var message = Assert.Single(reply.Output.Choices!).Message!;
        Assert.Equal("", message.Content);
        Assert.Equal(GenerationRole.Assistant, message.Role);
        Assert.Equal("get_current_weather", Assert.Single(message.ToolCalls!).Function!.Name);
    }

    [Fact]
    public async Task TheTextFormat_ReadsAsTheTypedReply()
    {
        _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.TextReply));
        using var client = _fake.CreateClient();

        var reply = await client.Generation.CompleteAsync(new GenerationRequest("qwen-turbo") { Prompt = "请问 1+1 是多少？" }).OrHang();

        Assert.Equal(GenerationResultFormat.Text, reply.ResultFormat);
        Assert.Equal("1+1等于2。这是最基本的数学加法运算之一。", reply.Text);
        Assert.Equal("stop", reply.FinishReason);
        Assert.Equal(GenerationRole.Assistant, reply.Message.Role);
        Assert.Equal(reply.Text, reply.Message.Content);
        Assert.Empty(reply.Choices);
        Assert.Empty(reply.ToolCalls);
        Assert.Equal((16, 14, 30, 0), (reply.Usage!.InputTokens, reply.Usage.OutputTokens, reply.Usage.TotalTokens, reply.Usage.InputTokensDetails!.CachedTokens));
        Assert.Equal(DashScopeReplies.RequestId, reply.RequestId);
        Assert.Equal(HttpStatusCode.OK, reply.Response!.StatusCode);
    }

    [Fact]
    public async Task TheMessageFormat_ReadsAsTheSameTypedReply()
    {
        _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.MessageReply));
        using var client = _fake.CreateClient();

        var reply = await client.Generation.CompleteAsync(new GenerationRequest("qwen-turbo") { Messages = { GenerationMessage.User("请问 1+1 是多少？") } }).OrHang();

        Assert.Equal(GenerationResultFormat.Message, reply.ResultFormat);
        Assert.Equal("1+1 等于 2。", reply.Text);
        Assert.Equal("stop", reply.FinishReason);
        Assert.Equal("1+1 等于 2。", reply.Message.Content);
        Assert.Single(reply.Choices);
        Assert.Equal(47, reply.Usage!.TotalTokens);
        Assert.Equal("e764bfe3-c0b7-97a0-ae57-cd99e1580960", reply.RequestId);
    }

    [Fact]
    public async Task TheShape_FollowsWhatArrives_NotWhetherPromptOrMessagesWasSent()
    {
        _fake.RespondInTurn(() => DashScopeReplies.Json(DashScopeReplies.MessageReply), () => DashScopeReplies.Json(DashScopeReplies.TextReply));
        using var client = _fake.CreateClient();

        var byPrompt = await client.Generation.CompleteAsync(new GenerationRequest("qwen3-max") { Prompt = "1+1" }).OrHang();
        var byMessages = await client.Generation.CompleteAsync(new GenerationRequest("qwen-turbo") { Messages = { GenerationMessage.User("1+1") } }).OrHang();

        Assert.Equal(GenerationResultFormat.Message, byPrompt.ResultFormat);
        Assert.Equal(GenerationResultFormat.Text, byMessages.ResultFormat);
        Assert.All([byPrompt, byMessages], r => Assert.NotEmpty(r.Text));
    }

    [Fact]
    public async Task ToolCalls_AreReadFromTheMessage()
    {
        _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.ToolCallReply));
        using var client = _fake.CreateClient();

        var reply = await client.Generation.CompleteAsync(new GenerationRequest("qwen-plus")
        {
            Messages = { GenerationMessage.User("杭州天气") },
            ResultFormat = GenerationResultFormat.Message,
            Tools = { GenerationTool.ForFunction("get_current_weather") },
        }).OrHang();

        var call = Assert.Single(reply.ToolCalls);
        Assert.Equal("call_cec4c19d27624537b583af", call.Id);
        Assert.Equal("get_current_weather", call.Function!.Name);
        Assert.Equal("""{"location": "浙江省杭州市"}""", call.Function.Arguments);
        Assert.Equal("", reply.Text);
        Assert.Same(reply.Message.ToolCalls, reply.ToolCalls);
    }

    [Fact]
    public async Task Reasoning_AndUnknownFields_AreKept()
    {
        _fake.Respond(() => DashScopeReplies.Json(
            """{"output":{"choices":[{"finish_reason":"stop","message":{"role":"assistant","content":"2","reasoning_content":"一加一"}}],"search_info":{"search_results":[]}},"usage":{"input_tokens":3,"output_tokens":5,"total_tokens":8,"output_tokens_details":{"reasoning_tokens":3}},"request_id":"r-1","extra":1}"""));
        using var client = _fake.CreateClient();

        var reply = await client.Generation.CompleteAsync(new GenerationRequest("qwen-plus") { Prompt = "1+1", ResultFormat = GenerationResultFormat.Message, EnableThinking = true }).OrHang();

        Assert.Equal("一加一", reply.ReasoningContent);
        Assert.Equal(3, reply.Usage!.OutputTokensDetails!.ReasoningTokens);
        Assert.True(reply.Output.AdditionalProperties!.ContainsKey("search_info"));
        Assert.True(reply.AdditionalProperties!.ContainsKey("extra"));
    }

    [Fact]
    public async Task TheRequestIdHeader_WinsOverTheBody()
    {
        _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.TextReply, HttpStatusCode.OK, ("X-Request-ID", "from-header")));
        using var client = _fake.CreateClient();

        var reply = await client.Generation.CompleteAsync(new GenerationRequest("qwen-turbo") { Prompt = "1+1" }).OrHang();

        Assert.Equal("from-header", reply.RequestId);
    }

    [Fact]
    public async Task AnAnswerWithoutOutput_IsAnError_NotAnEmptyReply()
    {
        _fake.Respond(() => DashScopeReplies.Json("""{"usage":{},"request_id":"r-2"}"""));
        using var client = _fake.CreateClient();

        var error = await Assert.ThrowsAsync<DashScopeException>(() => client.Generation.CompleteAsync(new GenerationRequest("qwen-turbo") { Prompt = "1+1" })).OrHang();

        Assert.Null(error.Code);
        Assert.Contains("no output", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("r-2", error.RequestId);
    }

    [Fact]
    public void FinishReasonNullAsAString_ReadsAsNull()
    {
        var reply = new GenerationResponse { Output = new GenerationOutput { Text = "1", FinishReason = "null" } };

        Assert.Null(reply.FinishReason);
    }

    public void Dispose() => _fake.Dispose();
}
