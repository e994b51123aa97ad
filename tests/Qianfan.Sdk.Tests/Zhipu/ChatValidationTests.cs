using System.Text.Json;
using Qianfan.Sdk.Tests.TestSupport;
using Qianfan.Sdk.Zhipu;
using Qianfan.Sdk.Zhipu.Chat;
using Qianfan.Sdk.Zhipu.Errors;

namespace Qianfan.Sdk.Tests.Zhipu;

/// <summary>
/// Every documented rule of a chat body, broken one at a time: each fails before anything is sent, naming the field
/// and the rule; values on the edge of a rule pass as they are (nothing is clamped — the official SDK's trap).
/// </summary>
public sealed class ChatValidationTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement;

    /// <summary>Each broken rule: how to break it, the field named, and words of the message.</summary>
    private static readonly Dictionary<string, (Action<ChatCompletionRequest> Break, string Field, string Rule)> Rules = new()
    {
        ["no messages"] = (r => r.Messages.Clear(), "messages", "messages must have at least one message"),
        ["only system and assistant"] = (r => { r.Messages.Clear(); r.Messages.Add(ChatMessage.System("你是助手")); r.Messages.Add(ChatMessage.Assistant("好的")); }, "messages", "must contain a user message"),
        ["null message"] = (r => r.Messages.Add(null!), "messages[1]", "must not be null"),
        ["empty user content"] = (r => r.Messages[0] = ChatMessage.User(" "), "messages[0].content", "messages[0].content must not be empty"),
        ["empty system content"] = (r => r.Messages.Insert(0, ChatMessage.System("")), "messages[0].content", "must not be empty"),
        ["assistant with neither content nor tool calls"] = (r => { r.Messages.Add(ChatMessage.Assistant("")); r.Messages.Add(ChatMessage.User("再说")); }, "messages[1].content", "messages[1].content and messages[1].tool_calls must not both be empty"),
        ["tool message without call id"] = (r => r.Messages.Add(new ChatMessage(ChatRole.Tool, "晴")), "messages[1].tool_call_id", "must be set on a tool message"),
        ["empty tool content"] = (r => r.Messages.Add(ChatMessage.Tool("call_1", "")), "messages[1].content", "must not be empty"),
        ["tool calls on a user message"] = (r => r.Messages[0] = ChatMessage.User("你好") with { ToolCalls = [new ChatToolCall { Id = "c" }] }, "messages[0].tool_calls", "may only be on an assistant message"),
        ["undefined role"] = (r => r.Messages.Add(new ChatMessage((ChatRole)42, "x")), "messages[1].role", "must be system, user, assistant or tool"),
        ["parts on a system message"] = (r => r.Messages.Insert(0, new ChatMessage(ChatRole.System, "x") { Parts = [ChatContentPart.FromText("x")] }), "messages[0].content", "only on a user message"),
        ["no parts"] = (r => r.Messages[0] = ChatMessage.User(Array.Empty<ChatContentPart>()), "messages[0].content", "at least one part"),
        ["empty text part"] = (r => r.Messages[0] = ChatMessage.User(ChatContentPart.FromText("")), "messages[0].content[0].text", "must not be empty"),
        ["data URL image"] = (r => r.Messages[0] = ChatMessage.User(ChatContentPart.FromImageUrl(new Uri("data:image/png;base64,AQID"))), "messages[0].content[0].image_url.url", "not a data: URL"),
        ["temperature above 1"] = (r => r.Temperature = 1.5f, "temperature", "temperature must be in [0, 1] with at most two decimals, was 1.5"),
        ["temperature below 0"] = (r => r.Temperature = -0.1f, "temperature", "was -0.1"),
        ["temperature with three decimals"] = (r => r.Temperature = 0.955f, "temperature", "at most two decimals, was 0.955"),
        ["temperature NaN"] = (r => r.Temperature = float.NaN, "temperature", "in [0, 1]"),
        ["top_p zero"] = (r => r.TopP = 0f, "top_p", "top_p must be in [0.01, 1] with at most two decimals, was 0"),
        ["top_p above 1"] = (r => r.TopP = 1.01f, "top_p", "was 1.01"),
        ["top_p with three decimals"] = (r => r.TopP = 0.123f, "top_p", "was 0.123"),
        ["max_tokens zero"] = (r => r.MaxTokens = 0, "max_tokens", "max_tokens must be in [1, 131072] for glm-4, was 0"),
        ["max_tokens above the cap"] = (r => r.MaxTokens = 131_073, "max_tokens", "was 131073"),
        ["two stop words"] = (r => { r.Stop.Add("a"); r.Stop.Add("b"); }, "stop", "stop takes one stop word, had 2"),
        ["empty stop word"] = (r => r.Stop.Add(""), "stop[0]", "must not be empty"),
        ["129 tools"] = (r => { for (var i = 0; i < 129; i++) { r.Tools.Add(ChatTool.ForFunction($"f{i}", "d", Schema)); } }, "tools", "at most 128 entries, had 129"),
        ["null tool"] = (r => r.Tools.Add(null!), "tools[0]", "must not be null"),
        ["function name with a space"] = (r => r.Tools.Add(ChatTool.ForFunction("get weather", "d", Schema)), "tools[0].function.name", "1 to 64 letters, digits, '_' or '-'"),
        ["function name of 65"] = (r => r.Tools.Add(ChatTool.ForFunction(new string('a', 65), "d", Schema)), "tools[0].function.name", "1 to 64"),
        ["function without description"] = (r => r.Tools.Add(ChatTool.ForFunction("f", "", Schema)), "tools[0].function.description", "must not be empty"),
        ["function parameters not an object"] = (r => r.Tools.Add(ChatTool.ForFunction("f", "d", JsonDocument.Parse("[]").RootElement)), "tools[0].function.parameters", "JSON Schema object, was Array"),
        ["function tool without function"] = (r => r.Tools.Add(new ChatTool()), "tools[0].function", "must be set on a function tool"),
        ["web search without settings"] = (r => r.Tools.Add(new ChatTool { Type = "web_search" }), "tools[0].web_search", "must be set"),
        ["retrieval without knowledge id"] = (r => r.Tools.Add(ChatTool.ForRetrieval(" ")), "tools[0].retrieval.knowledge_id", "must be set"),
        ["unknown tool type"] = (r => r.Tools.Add(new ChatTool { Type = "mcp" }), "tools[0].type", "function, web_search or retrieval, was 'mcp'"),
        ["tool_choice none"] = (r => r.ToolChoice = "none", "tool_choice", "tool_choice must be auto, the only value the service takes, was 'none'"),
        ["tool_stream on glm-4"] = (r => r.ToolStream = true, "tool_stream", "GLM-4.6 and later"),
        ["thinking on glm-4"] = (r => r.Thinking = ChatThinking.Enabled, "thinking", "thinking is taken by GLM-4.5 and later"),
        ["unknown response format"] = (r => r.ResponseFormat = new ChatResponseFormat { Type = "json_schema" }, "response_format.type", "text or json_object"),
        ["empty request id"] = (r => r.RequestId = " ", "request_id", "must not be empty"),
        ["user id of 5"] = (r => r.UserId = "12345", "user_id", "user_id must be 6 to 128 characters, was 5"),
        ["user id of 129"] = (r => r.UserId = new string('u', 129), "user_id", "was 129"),
    };

    public static TheoryData<string> Cases() => [.. Rules.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BrokenRule_FailsBeforeSending_NamingTheFieldAndTheRule(string name)
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient();
        var (breakIt, field, rule) = Rules[name];
        var request = new ChatCompletionRequest("glm-4") { Messages = { ChatMessage.User("你好") } };
        breakIt(request);

        var sync = await Assert.ThrowsAsync<ZhipuValidationException>(() => client.Chat.CompleteAsync(request));
        var stream = Assert.Throws<ZhipuValidationException>(() => client.Chat.StreamAsync(request));
        var task = await Assert.ThrowsAsync<ZhipuValidationException>(() => client.AsyncChat.SubmitAsync(request));

        Assert.Equal(field, sync.ParamName);
        Assert.Contains(rule, sync.Message, StringComparison.Ordinal);
        Assert.Equal(field, stream.ParamName);
        Assert.Equal(field, task.ParamName);
        Assert.Empty(fake.Requests);
    }

    [Theory]
    [InlineData(0f, 0.01f)]
    [InlineData(1f, 1f)]
    [InlineData(0.95f, 0.7f)]
    [InlineData(0.01f, 0.99f)]
    public async Task EdgeValues_AreSentExactlyAsSet_NothingIsClamped(float temperature, float topP)
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient();

        await client.Chat.CompleteAsync(new ChatCompletionRequest("glm-4") { Messages = { ChatMessage.User("你好") }, Temperature = temperature, TopP = topP });

        var body = Assert.Single(fake.Requests).Json;
        Assert.Equal(temperature, body.GetProperty("temperature").GetSingle());
        Assert.Equal(topP, body.GetProperty("top_p").GetSingle());
        Assert.False(body.TryGetProperty("do_sample", out _));
    }

    [Theory]
    [InlineData("glm-4.5", 98_304, true)]
    [InlineData("glm-4.5", 98_305, false)]
    [InlineData("glm-4.5-air", 98_305, false)]
    [InlineData("glm-4.6", 131_072, true)]
    [InlineData("glm-5", 131_072, true)]
    [InlineData("my-fine-tuned-model", 131_072, true)]
    public async Task MaxTokens_IsCheckedAgainstTheModelsDocumentedCap(string model, int maxTokens, bool valid)
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient();
        var request = new ChatCompletionRequest(model) { Messages = { ChatMessage.User("你好") }, MaxTokens = maxTokens };

        if (valid)
        {
            await client.Chat.CompleteAsync(request);
            Assert.Single(fake.Requests);
        }
        else
        {
            var error = await Assert.ThrowsAsync<ZhipuValidationException>(() => client.Chat.CompleteAsync(request));
            Assert.Equal($"max_tokens must be in [1, 98304] for {model}, was {maxTokens}", error.Message);
        }
    }

    [Theory]
    [InlineData("glm-4.5")]
    [InlineData("glm-4.5-air")]
    [InlineData("glm-4.6")]
    [InlineData("glm-4.7-flash")]
    [InlineData("glm-5.1")]
    [InlineData("glm-z1-air")]
    public async Task Thinking_IsTakenByGlm45AndLater_AndByModelsWhoseCodeNamesNoVersion(string model)
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient();

        await client.Chat.CompleteAsync(new ChatCompletionRequest(model) { Messages = { ChatMessage.User("你好") }, Thinking = ChatThinking.Disabled });

        Assert.Equal("""{"type":"disabled"}""", Assert.Single(fake.Requests).Json.GetProperty("thinking").GetRawText());
    }

    [Theory]
    [InlineData("glm-4.6", true)]
    [InlineData("glm-4.6v", true)]
    [InlineData("glm-5-turbo", true)]
    [InlineData("glm-4.5", false)]
    [InlineData("glm-4-plus", false)]
    public async Task ToolStream_IsTakenByGlm46AndLater(string model, bool valid)
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient();
        var request = new ChatCompletionRequest(model) { Messages = { ChatMessage.User("你好") }, ToolStream = true };

        if (valid)
        {
            await client.Chat.CompleteAsync(request);
            Assert.Single(fake.Requests);
        }
        else
        {
            var error = await Assert.ThrowsAsync<ZhipuValidationException>(() => client.Chat.CompleteAsync(request));
            Assert.Equal("tool_stream", error.ParamName);
        }
    }

    [Fact]
    public async Task ValidationMessage_HasNoParameterSuffix()
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient();

        var error = await Assert.ThrowsAsync<ZhipuValidationException>(() => client.Chat.CompleteAsync(new ChatCompletionRequest("glm-4") { Messages = { ChatMessage.User("你好") }, Temperature = 2 }));

        Assert.Equal("temperature must be in [0, 1] with at most two decimals, was 2", error.Message);
        Assert.IsAssignableFrom<ArgumentException>(error);
    }
}
