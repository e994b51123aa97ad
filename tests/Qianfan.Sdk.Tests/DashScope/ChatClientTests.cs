using System.Text.Json;
using Microsoft.Extensions.AI;
using Qianfan.Sdk.DashScope;
using Qianfan.Sdk.DashScope.Generation;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.DashScope;

/// <summary>
/// DashScope as Microsoft.Extensions.AI's <see cref="IChatClient"/>, with the mapping rules Qianfan's adapter follows:
/// messages and options to the message format, tools and tool results, reasoning effort to thinking, usage, finish
/// reasons, and the options DashScope cannot honour refused by name.
/// </summary>
public sealed class ChatClientTests : IDisposable
{
    private readonly FakeDashScope _fake = new();

    [Fact]
    public async Task AResponse_SendsTheMessageFormat_WithTheOptions_AndMapsTheReply()
    {
        _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.MessageReply));
        using var client = _fake.CreateClient();
        var chat = client.AsIChatClient("qwen-plus");

        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "你是数学老师"), new ChatMessage(ChatRole.User, "1+1?")],
            new ChatOptions { Temperature = 0.5f, TopP = 0.9f, TopK = 20, MaxOutputTokens = 100, Seed = 7, StopSequences = ["。"], PresencePenalty = 0.5f }).OrHang();

        var body = Assert.Single(_fake.Requests).Json;
        Assert.Equal("qwen-plus", body.GetProperty("model").GetString());
        var parameters = body.GetProperty("parameters");
        Assert.Equal("message", parameters.GetProperty("result_format").GetString());
        Assert.Equal((0.5, 0.9, 20, 100, 7), (parameters.GetProperty("temperature").GetDouble(), Math.Round(parameters.GetProperty("top_p").GetDouble(), 3), parameters.GetProperty("top_k").GetInt32(), parameters.GetProperty("max_tokens").GetInt32(), parameters.GetProperty("seed").GetInt32()));
        Assert.Equal(["system", "user"], body.GetProperty("input").GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("1+1 等于 2。", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal((8L, 39L, 47L), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount));
        Assert.Equal("e764bfe3-c0b7-97a0-ae57-cd99e1580960", response.ResponseId);
        Assert.Equal("qwen-plus", response.ModelId);
        Assert.IsType<GenerationResponse>(response.RawRepresentation);
    }

    [Fact]
    public async Task Tools_GoOut_AndCallsComeBackAsFunctionCalls_ThenResultsAsToolMessages()
    {
        _fake.RespondInTurn(() => DashScopeReplies.Json(DashScopeReplies.ToolCallReply), () => DashScopeReplies.Json(DashScopeReplies.MessageReply));
        using var client = _fake.CreateClient();
        var chat = client.AsIChatClient("qwen-plus");
        var tool = AIFunctionFactory.Create((string location) => "晴", "get_current_weather", "查询天气");
        var options = new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.RequireSpecific("get_current_weather") };
        var history = new List<ChatMessage> { new(ChatRole.User, "杭州天气") };

        var first = await chat.GetResponseAsync(history, options).OrHang();
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(first.Messages[0].Contents));
        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "晴，18 度")]));
        await chat.GetResponseAsync(history, options).OrHang();

        Assert.Equal(("call_cec4c19d27624537b583af", "get_current_weather", "浙江省杭州市"), (call.CallId, call.Name, call.Arguments!["location"]?.ToString()));
        var firstParameters = _fake.Requests[0].Json.GetProperty("parameters");
        Assert.Equal("get_current_weather", firstParameters.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("get_current_weather", firstParameters.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString());
        var messages = _fake.Requests[1].Json.GetProperty("input").GetProperty("messages");
        Assert.Equal(["user", "assistant", "tool"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(call.CallId, messages[2].GetProperty("tool_call_id").GetString());
        Assert.Equal("晴，18 度", messages[2].GetProperty("content").GetString());
    }

    [Fact]
    public async Task AStream_YieldsPiecesAndReasoning_ThenWholeToolCallsAndUsageOnceAtTheEnd()
    {
        _fake.Respond(() => DashScopeReplies.Stream(DashScopeReplies.ParallelToolCallStream));
        using var client = _fake.CreateClient();
        var chat = client.AsIChatClient("qwen-plus");

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "两地天气")], new ChatOptions { Tools = [AIFunctionFactory.Create((string location) => "晴", "get_current_weather")] }))
        {
            updates.Add(update);
        }

        var update1 = Assert.Single(updates);
        Assert.Equal(2, update1.Contents.OfType<FunctionCallContent>().Count());
        Assert.Equal(ChatFinishReason.ToolCalls, update1.FinishReason);
        Assert.Equal(287L, Assert.Single(update1.Contents.OfType<UsageContent>()).Details.TotalTokenCount);
        Assert.True(_fake.Requests[0].Json.GetProperty("parameters").GetProperty("incremental_output").GetBoolean());
    }

    [Fact]
    public async Task AStreamOfText_YieldsEachPiece_AndReasoningUnlessAskedNotTo()
    {
        var body = DashScopeReplies.Event(1, DashScopeReplies.MessageData("", reasoning: "想"))
            + DashScopeReplies.Event(2, DashScopeReplies.MessageData("您好"))
            + DashScopeReplies.Event(3, DashScopeReplies.MessageData("", "stop", output: 5));
        _fake.Respond(() => DashScopeReplies.Stream(body));
        using var client = _fake.CreateClient();
        var chat = client.AsIChatClient("qwen-plus");

        var shown = await chat.GetStreamingResponseAsync("你好", new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Medium } }).ToChatResponseAsync().OrHang();
        var hidden = await chat.GetStreamingResponseAsync("你好", new ChatOptions { Reasoning = new ReasoningOptions { Output = ReasoningOutput.None } }).ToChatResponseAsync().OrHang();

        Assert.Equal("您好", shown.Text);
        Assert.Contains(shown.Messages.SelectMany(m => m.Contents), c => c is TextReasoningContent { Text: "想" });
        Assert.DoesNotContain(hidden.Messages.SelectMany(m => m.Contents), c => c is TextReasoningContent);
        var parameters = _fake.Requests[0].Json.GetProperty("parameters");
        Assert.True(parameters.GetProperty("enable_thinking").GetBoolean());
        Assert.Equal(4096, parameters.GetProperty("thinking_budget").GetInt32());
        Assert.Equal(29L, shown.Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task JsonReplies_AndWebSearch_MapToTheirParameters()
    {
        _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.MessageReply));
        using var client = _fake.CreateClient();
        var chat = client.AsIChatClient("qwen-plus");
        var schema = JsonDocument.Parse("""{"type":"object"}""").RootElement;

        await chat.GetResponseAsync("json please", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "answer"), Tools = [new HostedWebSearchTool()] }).OrHang();

        var parameters = Assert.Single(_fake.Requests).Json.GetProperty("parameters");
        Assert.Equal("json_schema", parameters.GetProperty("response_format").GetProperty("type").GetString());
        Assert.Equal("answer", parameters.GetProperty("response_format").GetProperty("json_schema").GetProperty("name").GetString());
        Assert.True(parameters.GetProperty("enable_search").GetBoolean());
    }

    [Fact]
    public async Task AdditionalProperties_GoIntoParameters()
    {
        _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.MessageReply));
        using var client = _fake.CreateClient();

        await client.AsIChatClient("qwen-plus").GetResponseAsync("hi", new ChatOptions { AdditionalProperties = new() { ["vl_high_resolution_images"] = true } }).OrHang();

        Assert.True(Assert.Single(_fake.Requests).Json.GetProperty("parameters").GetProperty("vl_high_resolution_images").GetBoolean());
    }

    [Fact]
    public async Task OptionsDashScopeCannotHonour_AreRefusedByName_BeforeSending()
    {
        using var client = _fake.CreateClient();
        var chat = client.AsIChatClient("qwen-plus");

        var frequency = await Assert.ThrowsAsync<NotSupportedException>(() => chat.GetResponseAsync("hi", new ChatOptions { FrequencyPenalty = 1 }));
        var seed = await Assert.ThrowsAsync<NotSupportedException>(() => chat.GetResponseAsync("hi", new ChatOptions { Seed = -1 }));
        var conversation = await Assert.ThrowsAsync<NotSupportedException>(() => chat.GetResponseAsync("hi", new ChatOptions { ConversationId = "c" }));
        var image = await Assert.ThrowsAsync<NotSupportedException>(() => chat.GetResponseAsync([new ChatMessage(ChatRole.User, [new UriContent(new Uri("https://example.com/a.png"), "image/png")])]));

        Assert.Contains("FrequencyPenalty", frequency.Message, StringComparison.Ordinal);
        Assert.Contains("Seed", seed.Message, StringComparison.Ordinal);
        Assert.Contains("ConversationId", conversation.Message, StringComparison.Ordinal);
        Assert.Contains("images", image.Message, StringComparison.Ordinal);
        Assert.Empty(_fake.Requests);
    }

    [Fact]
    public async Task ARawRequest_FromTheFactory_IsTheBase()
    {
        _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.MessageReply));
        using var client = _fake.CreateClient();

        await client.AsIChatClient("qwen-plus").GetResponseAsync("hi", new ChatOptions { RawRepresentationFactory = _ => new GenerationRequest("qwen-max") { RepetitionPenalty = 1.2f } }).OrHang();

        var body = Assert.Single(_fake.Requests).Json;
        Assert.Equal("qwen-max", body.GetProperty("model").GetString());
        Assert.Equal(1.2, Math.Round(body.GetProperty("parameters").GetProperty("repetition_penalty").GetDouble(), 3));
    }

    [Fact]
    public void Metadata_NamesTheProviderHostAndModel_AndTheClientIsAService()
    {
        using var client = _fake.CreateClient();
        using var chat = client.AsIChatClient("qwen-plus");

        var metadata = chat.GetService<ChatClientMetadata>()!;

        Assert.Equal(("dashscope", "qwen-plus", new Uri(FakeDashScope.BaseUrl)), (metadata.ProviderName, metadata.DefaultModelId, metadata.ProviderUri));
        Assert.Same(client, chat.GetService<DashScopeClient>());
        Assert.Same(client.Generation, chat.GetService<GenerationClient>());
    }

    public void Dispose() => _fake.Dispose();

}
