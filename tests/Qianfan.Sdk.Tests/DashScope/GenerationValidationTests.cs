using System.Text.Json;
using Qianfan.Sdk.DashScope.Errors;
using Qianfan.Sdk.DashScope.Generation;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.DashScope;

/// <summary>
/// Every documented rule of a text-generation body is checked before anything is sent, one-shot and streamed: the
/// exception names the field as the body spells it and states the rule; nothing reaches the service.
/// </summary>
public sealed class GenerationValidationTests : IDisposable
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object"}""").RootElement;

    /// <summary>Each broken rule: what breaks it, the field named, a part of the message.</summary>
    private static readonly Dictionary<string, (Action<GenerationRequest> Break, string Field, string Rule)> Cases = new()
    {
        ["no input"] = (r => r.Messages.Clear(), "input", "needs messages or a prompt"),
        ["prompt and messages"] = (r => r.Prompt = "also", "input.prompt", "not both"),
        ["blank prompt"] = (r => { r.Messages.Clear(); r.Prompt = "  "; }, "input.prompt", "must not be empty"),
        ["null message"] = (r => r.Messages.Add(null!), "input.messages[1]", "must not be null"),
        ["undefined role"] = (r => r.Messages.Insert(0, new GenerationMessage((GenerationRole)9, "x")), "input.messages[0].role", "system, user, assistant or tool"),
        ["system not first"] = (r => r.Messages.Add(GenerationMessage.System("late")), "input.messages[1].role", "may only be the first message"),
        ["empty content"] = (r => r.Messages[0] = GenerationMessage.User(""), "input.messages[0].content", "must not be empty"),
        ["last is assistant"] = (r => r.Messages.Add(GenerationMessage.Assistant("好")), "input.messages[1].role", "must be user or tool"),
        ["tool without id"] = (r => r.Messages.Add(new GenerationMessage(GenerationRole.Tool, "18 度")), "input.messages[1].tool_call_id", "must be set on a tool message"),
        ["tool answering nothing"] = (r => r.Messages.Add(GenerationMessage.Tool("call_1", "18 度")), "input.messages[1].tool_call_id", "answers no tool call"),
        ["tool_call_id on user"] = (r => r.Messages[0] = new GenerationMessage(GenerationRole.User, "x") { ToolCallId = "c" }, "input.messages[0].tool_call_id", "may only be on a tool message"),
        ["tool calls on user"] = (r => r.Messages[0] = new GenerationMessage(GenerationRole.User, "x") { ToolCalls = [GenerationToolCall.ForFunction("c", "f", "{}")] }, "input.messages[0].tool_calls", "only be on an assistant message"),
        ["tool call without id"] = (r => { r.Messages.Add(GenerationMessage.Assistant("", [GenerationToolCall.ForFunction("", "f", "{}")])); r.Messages.Add(GenerationMessage.User("x")); }, "input.messages[1].tool_calls[0]", "needs an id and a function name"),
        ["temperature 2"] = (r => r.Temperature = 2, "parameters.temperature", "must be in [0, 2), was 2"),
        ["temperature negative"] = (r => r.Temperature = -0.1f, "parameters.temperature", "must be in [0, 2)"),
        ["temperature NaN"] = (r => r.Temperature = float.NaN, "parameters.temperature", "must be in [0, 2)"),
        ["top_p 0"] = (r => r.TopP = 0, "parameters.top_p", "must be in (0, 1], was 0"),
        ["top_p above 1"] = (r => r.TopP = 1.01f, "parameters.top_p", "must be in (0, 1]"),
        ["top_k negative"] = (r => r.TopK = -1, "parameters.top_k", "must be 0 or more"),
        ["seed negative"] = (r => r.Seed = -1, "parameters.seed", "must be 0 or more"),
        ["max_tokens 0"] = (r => r.MaxTokens = 0, "parameters.max_tokens", "must be 1 or more"),
        ["repetition_penalty 0"] = (r => r.RepetitionPenalty = 0, "parameters.repetition_penalty", "must be greater than 0"),
        ["presence_penalty 2.5"] = (r => r.PresencePenalty = 2.5f, "parameters.presence_penalty", "must be in [-2, 2]"),
        ["stop mixed"] = (r => { r.Stop.Add("a"); r.StopTokens.Add([1]); }, "parameters.stop", "all strings or all token-id arrays"),
        ["stop empty string"] = (r => r.Stop.Add(""), "parameters.stop[0]", "must not be empty"),
        ["stop empty ids"] = (r => r.StopTokens.Add([]), "parameters.stop[0]", "at least one token id"),
        ["stop negative id"] = (r => r.StopTokens.Add([-5]), "parameters.stop[0]", "0 or more"),
        ["tool without name"] = (r => { r.ResultFormat = GenerationResultFormat.Message; r.Tools.Add(GenerationTool.ForFunction(" ")); }, "parameters.tools[0].function.name", "must not be empty"),
        ["tool schema not object"] = (r => { r.ResultFormat = GenerationResultFormat.Message; r.Tools.Add(GenerationTool.ForFunction("f", null, JsonDocument.Parse("[]").RootElement)); }, "parameters.tools[0].function.parameters", "JSON Schema object"),
        ["tools in text format"] = (r => { r.ResultFormat = GenerationResultFormat.Text; r.Tools.Add(GenerationTool.ForFunction("f")); }, "parameters.result_format", "must be message when parameters.tools is set"),
        ["tools without format"] = (r => r.Tools.Add(GenerationTool.ForFunction("f")), "parameters.result_format", "was unset"),
        ["tools with n 2"] = (r => { r.ResultFormat = GenerationResultFormat.Message; r.Tools.Add(GenerationTool.ForFunction("f")); r.N = 2; }, "parameters.n", "must be 1 when parameters.tools is set"),
        ["tool_choice without tools"] = (r => r.ToolChoice = "auto", "parameters.tool_choice", "needs parameters.tools"),
        ["tool_choice unknown"] = (r => { r.ResultFormat = GenerationResultFormat.Message; r.Tools.Add(GenerationTool.ForFunction("f")); r.ToolChoice = "g"; }, "parameters.tool_choice", "auto, none or the name of one of the tools"),
        ["json_object without json"] = (r => r.ResponseFormat = GenerationResponseFormat.JsonObject, "parameters.response_format", "the word \"json\""),
        ["json_schema blank name"] = (r => r.ResponseFormat = GenerationResponseFormat.ForJsonSchema(" ", Schema), "parameters.response_format.json_schema.name", "must not be empty"),
        ["json_schema not object"] = (r => r.ResponseFormat = GenerationResponseFormat.ForJsonSchema("s", JsonDocument.Parse("1").RootElement), "parameters.response_format.json_schema.schema", "must be a JSON object"),
        ["n 0"] = (r => r.N = 0, "parameters.n", "must be in [1, 4], was 0"),
        ["n 5"] = (r => r.N = 5, "parameters.n", "must be in [1, 4], was 5"),
        ["top_logprobs 6"] = (r => { r.Logprobs = true; r.TopLogprobs = 6; }, "parameters.top_logprobs", "must be in [0, 5]"),
        ["top_logprobs without logprobs"] = (r => r.TopLogprobs = 2, "parameters.top_logprobs", "needs parameters.logprobs"),
        ["thinking_budget 0"] = (r => r.ThinkingBudget = 0, "parameters.thinking_budget", "must be 1 or more"),
        ["thinking in text format"] = (r => { r.EnableThinking = true; r.ResultFormat = GenerationResultFormat.Text; }, "parameters.result_format", "must be message when parameters.enable_thinking is true"),
        ["thinking with n 2"] = (r => { r.EnableThinking = true; r.N = 2; }, "parameters.n", "must be 1 when parameters.enable_thinking is true"),
        ["extra repeats a field"] = (r => r.AdditionalParameters["temperature"] = 1, "AdditionalParameters['temperature']", "repeats parameters.temperature"),
        ["extra unnamed"] = (r => r.AdditionalParameters[""] = 1, "AdditionalParameters", "empty field name"),
    };

    private readonly FakeDashScope _fake = new();

    public static TheoryData<string> Rules() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task ABrokenRule_NamesTheFieldAndTheRule_AndNothingIsSent(string rule)
    {
        var (breakIt, field, message) = Cases[rule];
        using var client = _fake.CreateClient();
        var request = new GenerationRequest("qwen-plus") { Messages = { GenerationMessage.User("你好") } };
        breakIt(request);

        var once = await Assert.ThrowsAsync<DashScopeValidationException>(() => client.Generation.CompleteAsync(request)).OrHang();
        var streamed = Assert.Throws<DashScopeValidationException>(() => client.Generation.StreamAsync(request));

        Assert.Equal(field, once.ParamName);
        Assert.Contains(message, once.Message, StringComparison.Ordinal);
        Assert.Equal(field, streamed.ParamName);
        Assert.Empty(_fake.Requests);
    }

    [Fact]
    public async Task TheEdgesOfEveryRange_AreAccepted()
    {
        _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.MessageReply));
        using var client = _fake.CreateClient();

        await client.Generation.CompleteAsync(new GenerationRequest("qwen-plus")
        {
            Messages = { GenerationMessage.System("s"), GenerationMessage.User("json 你好") },
            Temperature = 0,
            TopP = 1,
            TopK = 0,
            Seed = int.MaxValue,
            MaxTokens = 1,
            RepetitionPenalty = 0.01f,
            PresencePenalty = -2,
            N = 4,
            Logprobs = true,
            TopLogprobs = 5,
            ThinkingBudget = 1,
            ResponseFormat = GenerationResponseFormat.JsonObject,
        }).OrHang();
        await client.Generation.CompleteAsync(new GenerationRequest("qwen-plus") { Prompt = "p", Temperature = 1.99f, TopLogprobs = 0, Logprobs = true, PresencePenalty = 2 }).OrHang();

        Assert.Equal(2, _fake.Requests.Count);
    }

    [Fact]
    public async Task AToolLoop_IsValid_WithOneToolMessagePerCall()
    {
        _fake.Respond(() => DashScopeReplies.Json(DashScopeReplies.MessageReply));
        using var client = _fake.CreateClient();
        var calls = new[] { GenerationToolCall.ForFunction("c1", "f", "{}"), GenerationToolCall.ForFunction("c2", "f", "{}") };

        await client.Generation.CompleteAsync(new GenerationRequest("qwen-plus")
        {
            Messages = { GenerationMessage.User("两个城市"), GenerationMessage.Assistant("", calls), GenerationMessage.Tool("c1", "晴"), GenerationMessage.Tool("c2", "雨") },
            ResultFormat = GenerationResultFormat.Message,
            Tools = { GenerationTool.ForFunction("f") },
        }).OrHang();

        Assert.Single(_fake.Requests);
    }

    [Fact]
    public void AModelIsRequired()
    {
        Assert.Throws<ArgumentException>(() => new GenerationRequest(" "));
        Assert.Throws<ArgumentNullException>(() => new GenerationRequest(null!));
    }

    public void Dispose() => _fake.Dispose();
}
