using System.Text.Json;
using Microsoft.Extensions.AI;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;
using ChatResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;
using ChatRole = Microsoft.Extensions.AI.ChatRole;

namespace Qianfan.Sdk.IntegrationTests.AI;

/// <summary>
/// <c>qianfanClient.AsIChatClient(model)</c> against the emulator's V2 API: every ChatOptions field on the wire, every
/// part of the reply and of its stream in Microsoft.Extensions.AI's types, and the SDK's own failures coming through.
/// </summary>
public sealed class V2ChatClientTests
{
    [Fact]
    public async Task GetResponse_MapsTheReply_TextUsageFinishReasonIdsAndTheSdksCompletion()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var chat = client.AsIChatClient(AIHarness.V2Model);

        var response = await chat.GetResponseAsync("你好");

        Assert.Equal(AIHarness.Reply("你好"), response.Text);
        var message = Assert.Single(response.Messages);
        Assert.Equal(ChatRole.Assistant, message.Role);
        var completion = Assert.IsType<ChatCompletion>(response.RawRepresentation);
        Assert.Equal(completion.Id, response.ResponseId);
        Assert.StartsWith("as-", response.ResponseId, StringComparison.Ordinal);
        Assert.Equal(completion.Model, response.ModelId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(completion.Created), response.CreatedAt);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.NotNull(response.Usage);
        Assert.Equal(completion.Usage!.PromptTokens, response.Usage.InputTokenCount);
        Assert.Equal(completion.Usage.CompletionTokens, response.Usage.OutputTokenCount);
        Assert.Equal(completion.Usage.TotalTokens, response.Usage.TotalTokenCount);
        Assert.True(response.Usage.OutputTokenCount > 0);
        Assert.Null(response.AdditionalProperties);
    }

    [Fact]
    public async Task ChatOptions_AreSentAsTheServicesFields()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var chat = client.AsIChatClient(AIHarness.V2Model);
        var (weather, time, _) = AIHarness.WeatherAndTime();
        var options = new ChatOptions
        {
            ModelId = "ernie-4.5-turbo-vl",
            Instructions = "回答要简短",
            Temperature = 0.5f,
            TopP = 0.9f,
            FrequencyPenalty = 0.5f,
            PresencePenalty = -0.5f,
            MaxOutputTokens = 300,
            StopSequences = ["。", "！"],
            Seed = 42,
            Tools = [weather, time],
            ToolMode = ChatToolMode.RequireSpecific("get_time"),
            AllowMultipleToolCalls = false,
            AdditionalProperties = new() { ["metadata"] = new Dictionary<string, string> { ["trace"] = "abc" }, ["safety_level"] = "strict" },
        };

        await chat.GetResponseAsync([new ChatMessage(ChatRole.System, "你是助手"), new ChatMessage(ChatRole.User, "你好")], options);

        var body = Assert.Single(emulator.V2Chats()).Json();
        Assert.Equal("ernie-4.5-turbo-vl", body.GetProperty("model").GetString());
        var messages = body.GetProperty("messages");
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal("回答要简短\n\n你是助手", messages[0].GetProperty("content").GetString());
        Assert.Equal("user", messages[1].GetProperty("role").GetString());
        Assert.Equal(0.5, body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(0.9, body.GetProperty("top_p").GetDouble(), 3);
        Assert.Equal(0.5, body.GetProperty("frequency_penalty").GetDouble(), 3);
        Assert.Equal(-0.5, body.GetProperty("presence_penalty").GetDouble(), 3);
        Assert.Equal(300, body.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal(["。", "！"], body.GetProperty("stop").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(42, body.GetProperty("seed").GetInt32());
        Assert.Equal(["get_weather", "get_time"], body.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()));
        Assert.Equal("查询城市的天气", body.GetProperty("tools")[0].GetProperty("function").GetProperty("description").GetString());
        Assert.Equal("string", body.GetProperty("tools")[0].GetProperty("function").GetProperty("parameters").GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
        Assert.Equal("get_time", body.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString());
        Assert.False(body.GetProperty("parallel_tool_calls").GetBoolean());
        Assert.Equal("strict", body.GetProperty("safety_level").GetString());
        Assert.Equal("abc", body.GetProperty("metadata").GetProperty("trace").GetString());
    }

    [Theory]
    [InlineData("auto", "\"auto\"")]
    [InlineData("none", "\"none\"")]
    [InlineData("required", "\"required\"")]
    public async Task ToolMode_IsSentAsToolChoice(string mode, string expected)
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var (weather, _, _) = AIHarness.WeatherAndTime();
        ChatToolMode toolMode = mode switch { "auto" => ChatToolMode.Auto, "none" => ChatToolMode.None, _ => ChatToolMode.RequireAny };

        var response = await client.AsIChatClient(AIHarness.V2Model).GetResponseAsync("北京天气", new ChatOptions { Tools = [weather], ToolMode = toolMode });

        Assert.Equal(expected, Assert.Single(emulator.V2Chats()).Json().GetProperty("tool_choice").GetRawText());
        Assert.Equal(mode == "none" ? ChatFinishReason.Stop : ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Theory]
    [InlineData("text", """{"type":"text"}""")]
    [InlineData("json", """{"type":"json_object"}""")]
    [InlineData("schema", """{"type":"json_schema","json_schema":{"name":"weather","description":"天气","schema":{"type":"object","properties":{"city":{"type":"string"}}}}}""")]
    public async Task ResponseFormat_IsSentAsTheServicesResponseFormat(string format, string expected)
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""").RootElement;
        ChatResponseFormat responseFormat = format switch
        {
            "text" => ChatResponseFormat.Text,
            "json" => ChatResponseFormat.Json,
            _ => ChatResponseFormat.ForJsonSchema(schema, "weather", "天气"),
        };

        var response = await client.AsIChatClient(AIHarness.V2Model).GetResponseAsync("北京天气", new ChatOptions { ResponseFormat = responseFormat });

        var sent = Assert.Single(emulator.V2Chats()).Json().GetProperty("response_format");
        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(expected)), JsonSerializer.Serialize(sent));
        if (format != "text")
        {
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(response.Text).RootElement.ValueKind);
        }
    }

    [Fact]
    public async Task ThinkingModel_ReasoningComesAsTextReasoningContent_WithItsTokens()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);

        var response = await client.AsIChatClient(AIHarness.ThinkingModel).GetResponseAsync("一加一等于几？", new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Medium } });

        var contents = Assert.Single(response.Messages).Contents;
        var reasoning = Assert.IsType<TextReasoningContent>(contents[0]);
        Assert.Equal("这是千帆模拟器的思考过程。用户说的是：一加一等于几？。先想清楚要点，再组织回答。", reasoning.Text);
        Assert.Equal(AIHarness.Reply("一加一等于几？"), response.Text);
        Assert.True(response.Usage!.ReasoningTokenCount > 0);
        var body = Assert.Single(emulator.V2Chats()).Json();
        Assert.True(body.GetProperty("enable_thinking").GetBoolean());
        Assert.Equal(4096, body.GetProperty("thinking_budget").GetInt32());
    }

    [Fact]
    public async Task ReasoningEffortNone_TurnsThinkingOff_AndOutputNone_HidesIt()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var chat = client.AsIChatClient(AIHarness.ThinkingModel);

        var off = await chat.GetResponseAsync("你好", new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None } });
        var hidden = await chat.GetResponseAsync("你好", new ChatOptions { Reasoning = new ReasoningOptions { Output = ReasoningOutput.None } });

        Assert.False(emulator.V2Chats()[0].Json().GetProperty("enable_thinking").GetBoolean());
        Assert.False(emulator.V2Chats()[1].Json().TryGetProperty("enable_thinking", out _));
        Assert.DoesNotContain(off.Messages[0].Contents, c => c is TextReasoningContent);
        Assert.DoesNotContain(hidden.Messages[0].Contents, c => c is TextReasoningContent);
        Assert.NotEmpty(((ChatCompletion)hidden.RawRepresentation!).ReasoningContent!);
        Assert.Equal(AIHarness.Reply("你好"), hidden.Text);
    }

    [Fact]
    public async Task RawRepresentationFactory_SuppliesTheSdksOwnRequest_OptionsFillWhatItLeavesUnset()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var options = new ChatOptions
        {
            Temperature = 0.3f,
            TopP = 0.5f,
            RawRepresentationFactory = _ => new ChatCompletionRequest(AIHarness.V2Model) { Temperature = 0.9f, WebSearch = new ChatWebSearchOptions { Enable = true } },
        };

        var response = await client.AsIChatClient("ernie-lite-8k").GetResponseAsync("今天有什么新闻", options);

        var body = Assert.Single(emulator.V2Chats()).Json();
        Assert.Equal(AIHarness.V2Model, body.GetProperty("model").GetString());
        Assert.Equal(0.9, body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(0.5, body.GetProperty("top_p").GetDouble(), 3);
        Assert.True(body.GetProperty("web_search").GetProperty("enable").GetBoolean());
        Assert.Contains("[1]", response.Text, StringComparison.Ordinal);
        Assert.Equal(2, Assert.IsAssignableFrom<IReadOnlyList<ChatSearchResult>>(response.AdditionalProperties!["search_results"]).Count);
    }

    [Fact]
    public async Task TopK_IsNotSupportedOnV2_NamedAndNothingSent()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => client.AsIChatClient(AIHarness.V2Model).GetResponseAsync("你好", new ChatOptions { TopK = 5 }));

        Assert.Contains("ChatOptions.TopK", error.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.V2Chats());
    }

    [Fact]
    public async Task TheSdksValidation_RunsFirst_AsForADirectCall()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var chat = client.AsIChatClient(AIHarness.V2Model);

        var sync = await Assert.ThrowsAsync<QianfanValidationException>(() => chat.GetResponseAsync("你好", new ChatOptions { Temperature = 5f }));
        var streamed = await Assert.ThrowsAsync<QianfanValidationException>(() => chat.GetStreamingResponseAsync("你好", new ChatOptions { Temperature = 5f }).ToListAsync());

        Assert.Equal("temperature", sync.ParamName);
        Assert.Equal("temperature", streamed.ParamName);
        Assert.Empty(emulator.V2Chats());
    }

    [Fact]
    public async Task AdditionalProperties_NamingAFieldTheSdkModels_AreRefusedBeforeSending()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);

        var error = await Assert.ThrowsAsync<QianfanValidationException>(() => client.AsIChatClient(AIHarness.V2Model).GetResponseAsync("你好", new ChatOptions { AdditionalProperties = new() { ["user"] = "u-1" } }));

        Assert.Contains("AdditionalProperties['user']", error.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.V2Chats());
    }

    [Fact]
    public async Task Stream_YieldsEachPieceAsAnUpdate_ThenUsage_AndFoldsIntoTheSyncReply()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var chat = client.AsIChatClient(AIHarness.V2Model);

        var updates = await chat.GetStreamingResponseAsync("你好，今天怎么样？").ToListAsync();

        var texts = updates.Where(u => u.Text.Length > 0).ToList();
        Assert.True(texts.Count > 1, "the reply should come in several pieces");
        Assert.All(updates, u => Assert.IsType<ChatCompletionChunk>(u.RawRepresentation));
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.Single(updates.Select(u => u.ResponseId).Distinct());
        Assert.StartsWith("as-", updates[0].ResponseId, StringComparison.Ordinal);
        Assert.Equal(ChatFinishReason.Stop, Assert.Single(updates, u => u.FinishReason is not null).FinishReason);
        var usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        Assert.True(usage.Details.OutputTokenCount > 0);
        Assert.Equal(usage.Details.InputTokenCount + usage.Details.OutputTokenCount, usage.Details.TotalTokenCount);

        var folded = updates.ToChatResponse();
        Assert.Equal(AIHarness.Reply("你好，今天怎么样？"), folded.Text);
        Assert.Equal(usage.Details.TotalTokenCount, folded.Usage!.TotalTokenCount);
        Assert.Equal(ChatFinishReason.Stop, folded.FinishReason);
        Assert.True(Assert.Single(emulator.V2Chats()).Json().GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task Stream_YieldsEachPieceAsItArrives_NotAfterTheStreamEnds()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var hold = emulator.Scenarios.HoldNextStreamAfterFirstChunk();

        await using var updates = client.AsIChatClient(AIHarness.V2Model).GetStreamingResponseAsync("你好，今天怎么样？").GetAsyncEnumerator();

        // The emulator holds the rest of the answer: the first piece must reach the caller while it waits.
        var first = updates.MoveNextAsync().AsTask();
        Assert.True(await first.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.StartsWith("这是千帆模拟器的回答", updates.Current.Text, StringComparison.Ordinal);
        Assert.False(hold.IsReleased);
        hold.Release();
        var text = updates.Current.Text;
        while (await updates.MoveNextAsync())
        {
            text += updates.Current.Text;
        }

        Assert.Equal(AIHarness.Reply("你好，今天怎么样？"), text);
    }

    [Fact]
    public async Task Stream_ThinkingModel_ReasoningUpdatesComeBeforeTheText()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);

        var updates = await client.AsIChatClient(AIHarness.ThinkingModel).GetStreamingResponseAsync("你好").ToListAsync();

        var kinds = updates.SelectMany(u => u.Contents).Where(c => c is TextContent or TextReasoningContent).Select(c => c is TextReasoningContent).ToList();
        Assert.Contains(true, kinds);
        Assert.Equal(kinds.OrderByDescending(k => k).ToList(), kinds);
        var folded = updates.ToChatResponse();
        Assert.Equal("这是千帆模拟器的思考过程。用户说的是：你好。先想清楚要点，再组织回答。", string.Concat(folded.Messages[0].Contents.OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Equal(AIHarness.Reply("你好"), folded.Text);
        Assert.True(folded.Usage!.ReasoningTokenCount > 0);
    }

    [Fact]
    public async Task Stream_SeveralToolCallsInOneTurn_AreYieldedWholeOnce_AfterTheirFragments()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var (weather, time, _) = AIHarness.WeatherAndTime();

        var updates = await client.AsIChatClient(AIHarness.V2Model).GetStreamingResponseAsync("北京的天气和时间", new ChatOptions { Tools = [weather, time] }).ToListAsync();

        var withCalls = Assert.Single(updates, u => u.Contents.OfType<FunctionCallContent>().Any());
        Assert.Equal(ChatFinishReason.ToolCalls, withCalls.FinishReason);
        var calls = withCalls.Contents.OfType<FunctionCallContent>().ToList();
        Assert.Equal(["get_weather", "get_time"], calls.Select(c => c.Name));
        Assert.Equal("北京的天气和时间", calls[0].Arguments!["city"]?.ToString());
        Assert.Empty(calls[1].Arguments!);
        Assert.All(calls, c => Assert.StartsWith("call_", c.CallId, StringComparison.Ordinal));

        // The same request streamed by the SDK directly: the calls come in fragments, which the adapter held back.
        var request = new ChatCompletionRequest(AIHarness.V2Model) { Messages = { Chat.ChatMessage.User("北京的天气和时间") }, Tools = { ChatTool.ForFunction("get_weather", "查询城市的天气"), ChatTool.ForFunction("get_time", "查询当地时间") } };
        var fragments = 0;
        await foreach (var chunk in client.ChatCompletions.StreamAsync(request))
        {
            fragments += chunk.Choices is [{ Delta.ToolCalls.Count: > 0 }] ? 1 : 0;
        }

        Assert.True(fragments > 2, $"the calls should come in fragments, came in {fragments}");
        Assert.DoesNotContain(updates, u => u.RawRepresentation is ChatCompletionChunk { Choices: [{ Delta.ToolCalls.Count: > 0, FinishReason: null }] });
    }

    [Fact]
    public async Task GetResponse_SeveralToolCallsInOneTurn_AreFunctionCallContents()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var (weather, time, _) = AIHarness.WeatherAndTime();

        var response = await client.AsIChatClient(AIHarness.V2Model).GetResponseAsync("北京的天气和时间", new ChatOptions { Tools = [weather, time] });

        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        var calls = response.Messages[0].Contents.OfType<FunctionCallContent>().ToList();
        Assert.Equal(["get_weather", "get_time"], calls.Select(c => c.Name));
        Assert.Equal(((ChatCompletion)response.RawRepresentation!).ToolCalls.Select(c => c.Id), calls.Select(c => c.CallId));
    }

    [Fact]
    public async Task Stream_Cancelled_StopsWithOperationCanceled()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var hold = emulator.Scenarios.HoldNextStreamAfterFirstChunk();
        using var cancellation = new CancellationTokenSource();
        var received = new List<string>();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.AsIChatClient(AIHarness.V2Model).GetStreamingResponseAsync("你好，今天怎么样？", cancellationToken: cancellation.Token))
            {
                received.Add(update.Text);
                await cancellation.CancelAsync();
            }
        });

        hold.Release();
        Assert.Single(received);
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Fact]
    public async Task GetResponse_Cancelled_StopsWithOperationCanceled()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        emulator.Scenarios.DelayNextChatResponses(1, TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.AsIChatClient(AIHarness.V2Model).GetResponseAsync("你好", cancellationToken: cancellation.Token).WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Stream_CutBeforeDone_ThrowsAfterThePiecesReceived()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        emulator.Scenarios.CutNextStreams(1, afterSentences: 1);
        var received = new List<string>();

        await Assert.ThrowsAsync<QianfanStreamEndedException>(async () =>
        {
            await foreach (var update in client.AsIChatClient(AIHarness.V2Model).GetStreamingResponseAsync("你好，今天怎么样？"))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(["这是千帆模拟器的回答。"], received);
    }

    [Fact]
    public async Task ServiceError_SurfacesAsQianfanException_SyncAndStreamed()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var chat = client.AsIChatClient(AIHarness.V2Model);

        var unknown = await Assert.ThrowsAsync<QianfanException>(() => client.AsIChatClient("no-such-model").GetResponseAsync("你好"));
        emulator.Scenarios.FailNextChatCalls(1, QianfanErrorCodes.QpsLimitReached);
        var limited = await Assert.ThrowsAsync<QianfanException>(() => chat.GetStreamingResponseAsync("你好").ToListAsync());

        Assert.Equal("invalid_model", unknown.ErrorName);
        Assert.True(limited.IsRetryable);
    }

    [Fact]
    public async Task NeedClearHistory_IsInAdditionalProperties_SyncAndStreamed()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var chat = client.AsIChatClient(AIHarness.V2Model);
        emulator.Scenarios.ClearHistoryOnNextChatCalls(2);

        var response = await chat.GetResponseAsync("你好");
        var updates = await chat.GetStreamingResponseAsync("你好").ToListAsync();

        Assert.Equal(true, response.AdditionalProperties!["need_clear_history"]);
        Assert.Contains(updates, u => u.AdditionalProperties?["need_clear_history"] is true);
    }

    [Fact]
    public async Task Images_GoToAVisionModelAsImageParts()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var image = new DataContent(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "image/png");

        var response = await client.AsIChatClient("ernie-4.5-turbo-vl").GetResponseAsync(new ChatMessage(ChatRole.User, [new TextContent("图里有什么?"), image]));

        var content = Assert.Single(emulator.V2Chats()).Json().GetProperty("messages")[0].GetProperty("content");
        Assert.Equal("text", content[0].GetProperty("type").GetString());
        Assert.StartsWith("data:image/png;base64,", content[1].GetProperty("image_url").GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(response.Text);
    }

    [Fact]
    public async Task GetService_ReturnsTheMetadata_TheQianfanClientAndTheAreaClient()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);

        foreach (var chat in new[] { client.AsIChatClient(AIHarness.V2Model), client.ChatCompletions.AsIChatClient(AIHarness.V2Model) })
        {
            var metadata = chat.GetService<ChatClientMetadata>()!;
            Assert.Equal("qianfan", metadata.ProviderName);
            Assert.Equal(emulator.BaseUri, metadata.ProviderUri);
            Assert.Equal(AIHarness.V2Model, metadata.DefaultModelId);
            Assert.Same(client, chat.GetService<QianfanClient>());
            Assert.Same(client.ChatCompletions, chat.GetService<ChatCompletionsClient>());
            Assert.Same(chat, chat.GetService<IChatClient>());
            Assert.Null(chat.GetService<QianfanClient>("key"));
        }
    }
}
