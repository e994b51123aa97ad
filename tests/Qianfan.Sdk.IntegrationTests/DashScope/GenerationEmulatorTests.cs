using System.Net;
using Qianfan.Sdk.DashScope.Errors;
using Qianfan.Sdk.DashScope.Generation;
using Microsoft.Extensions.Time.Testing;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.DashScope;

/// <summary>
/// Qwen text generation through the SDK against the emulator: each model's default format, streams with and without
/// blank lines, incremental and cumulative, reasoning, tool loops, the emulator's own checks, errors as HTTP answers and
/// inside 200 streams, cut streams, keys, retries and limits.
/// </summary>
public sealed class GenerationEmulatorTests
{
    [Theory]
    [InlineData("qwen-turbo", GenerationResultFormat.Text)]
    [InlineData("qwen3-max", GenerationResultFormat.Message)]
    public async Task EachModel_AnswersInItsDefaultFormat_WhenNoneIsAsked(string model, GenerationResultFormat format)
    {
        await using var session = await DashScopeSession.StartAsync();

        var reply = await session.Client.Generation.CompleteAsync(new GenerationRequest(model) { Prompt = "1+1" });

        Assert.Equal(format, reply.ResultFormat);
        Assert.Contains("1+1", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(true, false)]
    public async Task AStream_WithOrWithoutBlankLines_IncrementalOrCumulative_GivesTheSameText(bool blankLines, bool incremental)
    {
        await using var session = await DashScopeSession.StartAsync();
        session.Scenarios.StreamBlankLines = blankLines;
        var request = new GenerationRequest("qwen-plus") { Prompt = "你好", IncrementalOutput = incremental, ResultFormat = GenerationResultFormat.Message };
        var whole = await session.Client.Generation.CompleteAsync(request);

        var chunks = new List<GenerationChunk>();
        await foreach (var chunk in session.Client.Generation.StreamAsync(request))
        {
            chunks.Add(chunk);
        }

        Assert.True(chunks.Count >= 3);
        Assert.Equal(whole.Text, string.Concat(chunks.Select(c => c.Delta)));
        Assert.Equal(whole.Text, chunks[^1].Text);
        Assert.Equal("stop", chunks[^1].FinishReason);
        Assert.All(chunks[..^1], c => Assert.Null(c.FinishReason));
        Assert.Equal(whole.Usage!.OutputTokens, chunks[^1].Usage!.OutputTokens);
    }

    [Fact]
    public async Task TheEmulator_SendsEventsBackToBack_OrWithBlankLines_AsSwitched()
    {
        await using var session = await DashScopeSession.StartAsync();
        const string body = """{"model":"qwen-turbo","input":{"prompt":"你好"},"parameters":{"incremental_output":true}}""";

        using var dense = await session.PostAsync(DashScopeSession.GenerationPath, body, null, ("X-DashScope-SSE", "enable"));
        var denseText = await dense.Content.ReadAsStringAsync();
        session.Scenarios.StreamBlankLines = true;
        using var spaced = await session.PostAsync(DashScopeSession.GenerationPath, body, null, ("X-DashScope-SSE", "enable"));
        var spacedText = await spaced.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", dense.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("id:1\nevent:result\n:HTTP_STATUS/200\ndata:{", denseText, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n", denseText, StringComparison.Ordinal);
        Assert.Contains("}\n\nid:2\n", spacedText, StringComparison.Ordinal);
        Assert.Contains("\"finish_reason\":\"null\"", denseText, StringComparison.Ordinal);
        Assert.NotNull(dense.Headers.GetValues("X-Request-ID").Single());
    }

    [Fact]
    public async Task AThinkingModel_StreamsItsReasoningBeforeTheAnswer()
    {
        await using var session = await DashScopeSession.StartAsync();

        var reply = await session.Client.Generation
            .StreamAsync(new GenerationRequest("qwen-plus") { Prompt = "1+1", ResultFormat = GenerationResultFormat.Message, EnableThinking = true })
            .ToResponseAsync();

        Assert.Contains("思考过程", reply.ReasoningContent, StringComparison.Ordinal);
        Assert.Contains("1+1", reply.Text, StringComparison.Ordinal);
        Assert.True(reply.Usage!.OutputTokensDetails!.ReasoningTokens > 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AToolLoop_CallsTheTool_ThenAnswersWithItsResult(bool stream)
    {
        await using var session = await DashScopeSession.StartAsync();
        var schema = System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""").RootElement;
        var conversation = new GenerationConversation(session.Client.Generation, new GenerationRequest("qwen-plus")
        {
            ResultFormat = GenerationResultFormat.Message,
            Tools = { GenerationTool.ForFunction("get_current_weather", "查询城市的天气", schema) },
        });

        var first = stream ? await conversation.StreamAsync("杭州天气怎么样？").ToResponseAsync() : await conversation.SendAsync("杭州天气怎么样？");
        var call = Assert.Single(first.ToolCalls);
        var answer = stream
            ? await conversation.StreamAsync([GenerationMessage.Tool(call.Id!, "晴，18 度")]).ToResponseAsync()
            : await conversation.SendAsync([GenerationMessage.Tool(call.Id!, "晴，18 度")]);

        Assert.Equal("tool_calls", first.FinishReason);
        Assert.Equal("get_current_weather", call.Function!.Name);
        Assert.Contains("\"location\"", call.Function.Arguments, StringComparison.Ordinal);
        Assert.Contains("晴，18 度", answer.Text, StringComparison.Ordinal);
        Assert.Equal(4, conversation.History.Count);
    }

    [Fact]
    public async Task TheEmulatorChecksTheBody_AsTheServiceDoes_AnsweringInvalidParameter()
    {
        await using var session = await DashScopeSession.StartAsync();

        using var emptyMessages = await session.PostAsync(DashScopeSession.GenerationPath, """{"model":"qwen-turbo","input":{"prompt":"你好","messages":[]}}""");
        using var noInput = await session.PostAsync(DashScopeSession.GenerationPath, """{"model":"qwen-turbo","input":{}}""");
        using var badTemperature = await session.PostAsync(DashScopeSession.GenerationPath, """{"model":"qwen-turbo","input":{"prompt":"x"},"parameters":{"temperature":2}}""");
        using var unknownModel = await session.PostAsync(DashScopeSession.GenerationPath, """{"model":"gpt-4","input":{"prompt":"x"}}""");
        using var toolsInText = await session.PostAsync(DashScopeSession.GenerationPath, """{"model":"qwen-turbo","input":{"prompt":"x"},"parameters":{"result_format":"text","tools":[{"type":"function","function":{"name":"f"}}]}}""");

        Assert.All([emptyMessages, noInput, badTemperature, unknownModel, toolsInText], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        var json = await DashScopeSession.JsonAsync(emptyMessages);
        Assert.Equal("InvalidParameter", json.GetProperty("code").GetString());
        Assert.Equal("Role must be user or assistant and Content length must be greater than 0", json.GetProperty("message").GetString());
        Assert.Equal(emptyMessages.Headers.GetValues("X-Request-ID").Single(), json.GetProperty("request_id").GetString());
        Assert.Equal("Either \"prompt\" or \"messages\" must exist and cannot both be none", (await DashScopeSession.JsonAsync(noInput)).GetProperty("message").GetString());
        Assert.Equal("Model not exist.", (await DashScopeSession.JsonAsync(unknownModel)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task AnInvalidStreamRequest_IsAnErrorEventInsideA200_AsTheServiceSendsIt()
    {
        await using var session = await DashScopeSession.StartAsync();

        using var response = await session.PostAsync(DashScopeSession.GenerationPath, """{"model":"qwen-turbo","input":{"prompt":"x","messages":[]}}""", null, ("X-DashScope-SSE", "enable"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("id:1\nevent:error\n:HTTP_STATUS/400\ndata:{\"code\":\"InvalidParameter\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorEventHalfWay_ThroughTheSdk_ComesAfterThePiecesBeforeIt()
    {
        await using var session = await DashScopeSession.StartAsync();
        session.Scenarios.FailNextStreamsAfter(1, 2, "DataInspectionFailed", "Output data may contain inappropriate content.");
        var pieces = new List<string>();

        var error = await Assert.ThrowsAsync<DashScopeException>(async () =>
        {
            await foreach (var chunk in session.Client.Generation.StreamAsync(new GenerationRequest("qwen-plus") { Prompt = "你好" }))
            {
                pieces.Add(chunk.Delta);
            }
        });

        Assert.Equal(2, pieces.Count);
        Assert.Equal("DataInspectionFailed", error.Code);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task ACutStream_IsReported_AsEndedBeforeItsLastEvent()
    {
        await using var session = await DashScopeSession.StartAsync();
        session.Emulator.Scenarios.CutNextStreams(1, 1);

        var error = await Assert.ThrowsAsync<DashScopeStreamEndedException>(() => session.Client.Generation.StreamAsync(new GenerationRequest("qwen-plus") { Prompt = "你好" }).ToResponseAsync());

        Assert.Equal(1, error.ChunksReceived);
    }

    [Theory]
    [InlineData("Throttling.RateQuota")]
    [InlineData("InternalError")]
    [InlineData("ModelUnavailable")]
    public async Task ARetryableErrorOnce_IsRepeatedByTheSdk_OneShotAndStreamed(string code)
    {
        await using var session = await DashScopeSession.StartAsync();

        session.Scenarios.FailNextCalls(1, code);
        var once = await session.Client.Generation.CompleteAsync(new GenerationRequest("qwen-plus") { Prompt = "你好" });
        session.Scenarios.FailNextCalls(1, code);
        var streamed = await session.Client.Generation.StreamAsync(new GenerationRequest("qwen-plus") { Prompt = "你好" }).ToResponseAsync();

        Assert.Equal(once.Text, streamed.Text);
        Assert.Equal(4, session.Emulator.Requests.Count);
    }

    [Fact]
    public async Task TheFreeQuotaUsedUp_IsNotRepeated()
    {
        await using var session = await DashScopeSession.StartAsync();
        session.Scenarios.FailNextCalls(3, "Throttling.AllocationQuota", "Free allocated quota exceeded.");

        var error = await Assert.ThrowsAsync<DashScopeException>(() => session.Client.Generation.CompleteAsync(new GenerationRequest("qwen-plus") { Prompt = "你好" }));

        Assert.Equal((HttpStatusCode.TooManyRequests, false), (error.StatusCode, error.IsRetryable));
        Assert.Single(session.Emulator.Requests);
    }

    [Fact]
    public async Task TheEmulatorsQpsLimit_IsThrottlingRateQuota_WhichTheSdkWaitsOut()
    {
        // The emulator's clock stands still, so both calls fall in one second however slow the machine.
        await using var session = await DashScopeSession.StartAsync(new QianfanEmulatorOptions { TimeProvider = new FakeTimeProvider() }, o => o.Retry.MaxRetries = 0);
        session.Emulator.Scenarios.QpsLimit = 1;

        await session.Client.Generation.CompleteAsync(new GenerationRequest("qwen-plus") { Prompt = "一" });
        var error = await Assert.ThrowsAsync<DashScopeException>(() => session.Client.Generation.CompleteAsync(new GenerationRequest("qwen-plus") { Prompt = "二" }));

        Assert.Equal(DashScopeErrorCodes.ThrottlingRateQuota, error.Code);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task AWrongKey_Is401InvalidApiKey_NamingTheHost_AndNotRepeated()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        using var client = new Qianfan.Sdk.DashScope.DashScopeClient(
            new Qianfan.Sdk.DashScope.DashScopeCredentials { ApiKey = "sk-wrong-region" },
            new Qianfan.Sdk.DashScope.DashScopeOptions { BaseUrl = emulator.DashScopeBaseUri });

        var error = await Assert.ThrowsAsync<DashScopeException>(() => client.Generation.CompleteAsync(new GenerationRequest("qwen-plus") { Prompt = "你好" }));

        Assert.Equal((DashScopeErrorCodes.InvalidApiKey, HttpStatusCode.Unauthorized), (error.Code, error.StatusCode));
        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.Single(emulator.Requests);
        Assert.Equal("***", emulator.Requests[0].Headers["Authorization"]);
    }

    [Fact]
    public async Task NoKey_Is401InvalidApiKey()
    {
        await using var session = await DashScopeSession.StartAsync();

        using var response = await session.Http.PostAsync(DashScopeSession.GenerationPath, new StringContent("""{"model":"qwen-turbo","input":{"prompt":"x"}}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("No API-key provided.", (await DashScopeSession.JsonAsync(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task TheUnsafeInputTrigger_IsDataInspectionFailed()
    {
        await using var session = await DashScopeSession.StartAsync();
        session.Emulator.Scenarios.ClearHistoryTrigger = "敏感";

        var error = await Assert.ThrowsAsync<DashScopeException>(() => session.Client.Generation.CompleteAsync(new GenerationRequest("qwen-plus") { Prompt = "一个敏感的问题" }));

        Assert.Equal(DashScopeErrorCodes.DataInspectionFailed, error.Code);
    }

    [Fact]
    public async Task TheReplyFactory_AnswersDashScopeCallsToo()
    {
        await using var session = await DashScopeSession.StartAsync(new QianfanEmulatorOptions { ReplyFactory = c => $"{c.Endpoint}: {c.LastUserMessage} ({c.Messages.Count})" });

        var reply = await session.Client.Generation.CompleteAsync(new GenerationRequest("qwen-max") { Messages = { GenerationMessage.System("s"), GenerationMessage.User("问") } });

        Assert.Equal("qwen-max: 问 (1)", reply.Text);
    }
}
