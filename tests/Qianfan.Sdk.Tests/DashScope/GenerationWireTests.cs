using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qianfan.Sdk.DashScope;
using Qianfan.Sdk.DashScope.Generation;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.DashScope;

/// <summary>What a text-generation call sends: the URL, the headers (the bearer key, the stream switch), the body's
/// <c>{model, input, parameters}</c> envelope with only the fields set, and Chinese text as UTF-8.</summary>
public sealed class GenerationWireTests : IDisposable
{
    private readonly FakeDashScope _fake = new();

    public GenerationWireTests() => _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.MessageReply));

    [Fact]
    public async Task ByMessages_PostsTheEnvelope_WithTheBearerKey_AndOnlyTheParametersSet()
    {
        using var client = _fake.CreateClient();

        await client.Generation.CompleteAsync(new GenerationRequest("qwen-turbo")
        {
            Messages = { GenerationMessage.System("You are a helpful assistant."), GenerationMessage.User("请问 1+1 是多少？") },
            ResultFormat = GenerationResultFormat.Message,
            Seed = 1234,
            MaxTokens = 1500,
            TopP = 0.8f,
            TopK = 100,
            RepetitionPenalty = 1.1f,
            Temperature = 0.85f,
            EnableSearch = false,
        }).OrHang();

        var sent = Assert.Single(_fake.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(FakeDashScope.GenerationUrl, sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + FakeDashScope.ApiKey, sent.Authorization);
        Assert.Equal("application/json", sent.Headers["Accept"]);
        Assert.False(sent.Headers.ContainsKey("X-DashScope-SSE"));
        Assert.Equal("application/json", sent.ContentType);
        AssertJson(
            """
            {"model":"qwen-turbo",
             "input":{"messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"请问 1+1 是多少？"}]},
             "parameters":{"result_format":"message","seed":1234,"max_tokens":1500,"top_p":0.8,"top_k":100,"repetition_penalty":1.1,"temperature":0.85,"enable_search":false}}
            """,
            sent.Body);
    }

    [Fact]
    public async Task ByPrompt_SendsInputPrompt_AndNoMessages()
    {
        using var client = _fake.CreateClient();

        await client.Generation.CompleteAsync(new GenerationRequest("qwen-turbo") { Prompt = "请问 1+1 是多少？" }).OrHang();

        AssertJson("""{"model":"qwen-turbo","input":{"prompt":"请问 1+1 是多少？"},"parameters":{}}""", Assert.Single(_fake.Requests).Body);
    }

    [Fact]
    public async Task ChineseText_IsSentAsUtf8_NotEscaped()
    {
        using var client = _fake.CreateClient();

        await client.Generation.CompleteAsync(new GenerationRequest("qwen-turbo") { Prompt = "通义千问" }).OrHang();

        var body = Assert.Single(_fake.Requests).BodyBytes;
        Assert.True(body.AsSpan().IndexOf(Encoding.UTF8.GetBytes("通义千问")) >= 0);
        Assert.DoesNotContain("\\u", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStream_SendsTheSseSwitch_AndIncrementalOutputTrue_UnlessTheRequestSaysFalse()
    {
        _fake.Respond(() => DashScopeReplies.Stream(DashScopeReplies.TextStream(false, "好")));
        using var client = _fake.CreateClient();

        await client.Generation.StreamAsync(new GenerationRequest("qwen-turbo") { Prompt = "你好" }).ToResponseAsync().OrHang();
        await client.Generation.StreamAsync(new GenerationRequest("qwen-turbo") { Prompt = "你好", IncrementalOutput = false }).ToResponseAsync().OrHang();

        var (incremental, cumulative) = (_fake.Requests[0], _fake.Requests[1]);
        Assert.Equal("enable", incremental.Headers["X-DashScope-SSE"]);
        Assert.Equal("text/event-stream", incremental.Headers["Accept"]);
        Assert.True(incremental.Json.GetProperty("parameters").GetProperty("incremental_output").GetBoolean());
        Assert.False(cumulative.Json.GetProperty("parameters").GetProperty("incremental_output").GetBoolean());
    }

    [Fact]
    public async Task AOneShotCall_SendsNoIncrementalOutput_UnlessSet()
    {
        using var client = _fake.CreateClient();

        await client.Generation.CompleteAsync(new GenerationRequest("qwen-turbo") { Prompt = "你好" }).OrHang();

        Assert.False(Assert.Single(_fake.Requests).Json.GetProperty("parameters").TryGetProperty("incremental_output", out _));
    }

    [Fact]
    public async Task Tools_ToolChoice_StopAndResponseFormat_AreSentAsTheServiceSpellsThem()
    {
        using var client = _fake.CreateClient();
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""").RootElement;

        await client.Generation.CompleteAsync(new GenerationRequest("qwen-plus")
        {
            Messages = { GenerationMessage.User("杭州天气怎么样？请用json回答") },
            ResultFormat = GenerationResultFormat.Message,
            Tools = { GenerationTool.ForFunction("get_current_weather", "当你想查询指定城市的天气时非常有用。", schema) },
            ToolChoice = "get_current_weather",
            ParallelToolCalls = true,
            Stop = { "你好", "天气" },
            ResponseFormat = GenerationResponseFormat.JsonObject,
        }).OrHang();

        var parameters = Assert.Single(_fake.Requests).Json.GetProperty("parameters");
        AssertJson(
            """[{"type":"function","function":{"name":"get_current_weather","description":"当你想查询指定城市的天气时非常有用。","parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}]""",
            parameters.GetProperty("tools").GetRawText());
        AssertJson("""{"type":"function","function":{"name":"get_current_weather"}}""", parameters.GetProperty("tool_choice").GetRawText());
        Assert.True(parameters.GetProperty("parallel_tool_calls").GetBoolean());
        AssertJson("""["你好","天气"]""", parameters.GetProperty("stop").GetRawText());
        AssertJson("""{"type":"json_object"}""", parameters.GetProperty("response_format").GetRawText());
    }

    [Fact]
    public async Task StopTokens_AreSentAsArraysOfIds_AndToolChoiceAutoAsAString()
    {
        using var client = _fake.CreateClient();

        await client.Generation.CompleteAsync(new GenerationRequest("qwen-plus")
        {
            Messages = { GenerationMessage.User("你好") },
            ResultFormat = GenerationResultFormat.Message,
            StopTokens = { new[] { 37763, 367 } },
            Tools = { GenerationTool.ForFunction("f") },
            ToolChoice = "auto",
        }).OrHang();

        var parameters = Assert.Single(_fake.Requests).Json.GetProperty("parameters");
        AssertJson("[[37763,367]]", parameters.GetProperty("stop").GetRawText());
        Assert.Equal("auto", parameters.GetProperty("tool_choice").GetString());
    }

    [Fact]
    public async Task AToolRoundTrip_SendsTheAssistantCallsAndTheToolResult_AsCaptured()
    {
        using var client = _fake.CreateClient();
        var call = GenerationToolCall.ForFunction("call_cec4", "get_current_weather", """{"location": "浙江省杭州市"}""");

        await client.Generation.CompleteAsync(new GenerationRequest("qwen-plus")
        {
            Messages = { GenerationMessage.User("杭州天气怎么样"), GenerationMessage.Assistant("", [call]), GenerationMessage.Tool("call_cec4", "浙江省杭州市 大部多云，摄氏 18 度") },
            ResultFormat = GenerationResultFormat.Message,
            Tools = { GenerationTool.ForFunction("get_current_weather") },
        }).OrHang();

        var messages = Assert.Single(_fake.Requests).Json.GetProperty("input").GetProperty("messages");
        AssertJson(
            """{"role":"assistant","content":"","tool_calls":[{"id":"call_cec4","type":"function","function":{"name":"get_current_weather","arguments":"{\"location\": \"浙江省杭州市\"}"}}]}""",
            messages[1].GetRawText());
        AssertJson("""{"role":"tool","content":"浙江省杭州市 大部多云，摄氏 18 度","tool_call_id":"call_cec4"}""", messages[2].GetRawText());
    }

    [Fact]
    public async Task AdditionalParameters_GoIntoParameters_AsGiven()
    {
        using var client = _fake.CreateClient();
        var request = new GenerationRequest("qwen-plus") { Prompt = "今天的新闻", EnableSearch = true };
        request.AdditionalParameters["search_options"] = new JsonObject { ["forced_search"] = true };

        await client.Generation.CompleteAsync(request).OrHang();

        var parameters = Assert.Single(_fake.Requests).Json.GetProperty("parameters");
        AssertJson("""{"forced_search":true}""", parameters.GetProperty("search_options").GetRawText());
        Assert.True(parameters.GetProperty("enable_search").GetBoolean());
    }

    [Fact]
    public async Task AWorkspace_IsSentAsItsHeader()
    {
        using var client = _fake.CreateClient(o => o.WorkspaceId = "ws-123");

        await client.Generation.CompleteAsync(new GenerationRequest("qwen-turbo") { Prompt = "你好" }).OrHang();

        Assert.Equal("ws-123", Assert.Single(_fake.Requests).Headers["X-DashScope-WorkSpace"]);
    }

    [Fact]
    public void TheKey_AppearsInNoToString()
    {
        using var client = _fake.CreateClient();
        var credentials = new DashScopeCredentials { ApiKey = FakeDashScope.ApiKey };

        Assert.DoesNotContain(FakeDashScope.ApiKey, credentials.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FakeDashScope.ApiKey, new DashScopeOptions().ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _fake.Dispose();

    private static void AssertJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}\nactual   {actual}");
}
