using System.Text.Json;
using Microsoft.Extensions.AI;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Emulator;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Models;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;
using ChatResponse = Microsoft.Extensions.AI.ChatResponse;
using ChatResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;
using ChatRole = Microsoft.Extensions.AI.ChatRole;

namespace Qianfan.Sdk.IntegrationTests.AI;

/// <summary>
/// <c>qianfanClient.Chat.AsIChatClient(model)</c> against the emulator's V1 API: the options V1 has on the wire, those
/// it has not refused by name before anything is sent, the reply and its stream in Microsoft.Extensions.AI's types.
/// </summary>
public sealed class V1ChatClientTests
{
    [Fact]
    public async Task GetResponse_MapsTheReply_TextUsageFinishReasonIdsAndTheSdksResponse()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);

        var response = await client.Chat.AsIChatClient(AIHarness.V1Model).GetResponseAsync("你好");

        Assert.Equal(AIHarness.Reply("你好"), response.Text);
        var reply = Assert.IsType<Chat.ChatResponse>(response.RawRepresentation);
        Assert.Equal(reply.Id, response.ResponseId);
        Assert.StartsWith("as-", response.ResponseId, StringComparison.Ordinal);
        Assert.Equal(AIHarness.V1Model, response.ModelId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(reply.Created), response.CreatedAt);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(reply.Usage!.PromptTokens, response.Usage!.InputTokenCount);
        Assert.Equal(reply.Usage.CompletionTokens, response.Usage.OutputTokenCount);
        Assert.Equal(reply.Usage.TotalTokens, response.Usage.TotalTokenCount);
        Assert.Equal("completions", Assert.Single(emulator.V1Chats()).Endpoint);
    }

    [Fact]
    public async Task ChatOptions_AreSentAsV1sFields()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var (weather, time, _) = AIHarness.WeatherAndTime();
        var options = new ChatOptions
        {
            Instructions = "回答要简短",
            Temperature = 0.5f,
            TopP = 0.9f,
            MaxOutputTokens = 300,
            StopSequences = ["。"],
            ResponseFormat = ChatResponseFormat.Json,
            Tools = [weather, time],
            ToolMode = ChatToolMode.RequireSpecific("get_time"),
            AdditionalProperties = new() { ["system_memory_id"] = "m-1", ["enable_system_memory"] = true },
        };

        var response = await client.Chat.AsIChatClient(AIHarness.V1Model).GetResponseAsync(
            [new ChatMessage(ChatRole.System, "你是助手"), new ChatMessage(ChatRole.User, "你好")], options);

        var body = Assert.Single(emulator.V1Chats()).Json();
        Assert.Equal("回答要简短\n\n你是助手", body.GetProperty("system").GetString());
        Assert.Equal(["user"], body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(0.5, body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(0.9, body.GetProperty("top_p").GetDouble(), 3);
        Assert.Equal(300, body.GetProperty("max_output_tokens").GetInt32());
        Assert.Equal(["。"], body.GetProperty("stop").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("json_object", body.GetProperty("response_format").GetString());
        Assert.Equal(["get_weather", "get_time"], body.GetProperty("functions").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal("object", body.GetProperty("functions")[0].GetProperty("parameters").GetProperty("type").GetString());
        Assert.Equal("get_time", body.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("m-1", body.GetProperty("system_memory_id").GetString());
        Assert.True(body.GetProperty("enable_system_memory").GetBoolean());
        Assert.Equal("get_time", Assert.IsType<FunctionCallContent>(Assert.Single(response.Messages[0].Contents)).Name);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task RawRepresentationFactory_SuppliesTheSdksOwnRequest_ForWhatChatOptionsCannotSay()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var options = new ChatOptions
        {
            Temperature = 0.3f,
            RawRepresentationFactory = _ => new Chat.ChatRequest("ERNIE-Speed-8K") { PenaltyScore = 1.5f, UserId = "u-1", Temperature = 0.9f },
        };

        var response = await client.Chat.AsIChatClient(AIHarness.V1Model).GetResponseAsync("你好", options);

        var sent = Assert.Single(emulator.V1Chats());
        Assert.Equal("ernie_speed", sent.Endpoint);
        var body = sent.Json();
        Assert.Equal(1.5, body.GetProperty("penalty_score").GetDouble(), 3);
        Assert.Equal("u-1", body.GetProperty("user_id").GetString());
        Assert.Equal(0.9, body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(AIHarness.Reply("你好"), response.Text);
    }

    [Fact]
    public async Task TopKAndPenalties_GoToTheModelsThatTakeThem()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);

        await client.Chat.AsIChatClient("Llama-2-7B-Chat").GetResponseAsync("你好", new ChatOptions { TopK = 5 });
        await client.Chat.AsIChatClient("ERNIE-Speed-8K").GetResponseAsync("你好", new ChatOptions { FrequencyPenalty = 0.5f, PresencePenalty = 0.25f });

        var sent = emulator.V1Chats();
        Assert.Equal(5, sent[0].Json().GetProperty("top_k").GetInt32());
        Assert.Equal(0.5, sent[1].Json().GetProperty("frequency_penalty").GetDouble(), 3);
        Assert.Equal(0.25, sent[1].Json().GetProperty("presence_penalty").GetDouble(), 3);
    }

    [Fact]
    public async Task TheSdksValidation_RunsFirst_AnOptionTheModelDoesNotTakeIsRefusedByName()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);

        var error = await Assert.ThrowsAsync<QianfanValidationException>(() => client.Chat.AsIChatClient(AIHarness.V1Model).GetResponseAsync("你好", new ChatOptions { TopK = 5 }));

        Assert.Equal("top_k", error.ParamName);
        Assert.Empty(emulator.V1Chats());
    }

    public static TheoryData<string, string> OptionsV1CannotHonour() => new()
    {
        { "seed", "ChatOptions.Seed" },
        { "reasoning", "ChatOptions.Reasoning" },
        { "parallel", "ChatOptions.AllowMultipleToolCalls" },
        { "schema", "a JSON schema in ChatOptions.ResponseFormat" },
        { "web search", "HostedWebSearchTool" },
        { "image", "images in a message" },
        { "conversation", "ChatOptions.ConversationId" },
    };

    [Theory]
    [MemberData(nameof(OptionsV1CannotHonour))]
    public async Task AnOptionV1CannotHonour_IsNotSupported_NamedAndNothingSent(string option, string named)
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var schema = JsonDocument.Parse("""{"type":"object"}""").RootElement;
        var options = option switch
        {
            "seed" => new ChatOptions { Seed = 1 },
            "reasoning" => new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } },
            "parallel" => new ChatOptions { AllowMultipleToolCalls = true },
            "schema" => new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "answer") },
            "web search" => new ChatOptions { Tools = [new HostedWebSearchTool()] },
            "conversation" => new ChatOptions { ConversationId = "c-1" },
            _ => null,
        };
        ChatMessage[] messages = option == "image"
            ? [new ChatMessage(ChatRole.User, [new TextContent("图里有什么"), new DataContent(new byte[] { 1, 2, 3 }, "image/png")])]
            : [new ChatMessage(ChatRole.User, "你好")];
        var chat = client.Chat.AsIChatClient(AIHarness.V1Model);

        var sync = await Assert.ThrowsAsync<NotSupportedException>(() => chat.GetResponseAsync(messages, options));
        var streamed = await Assert.ThrowsAsync<NotSupportedException>(() => chat.GetStreamingResponseAsync(messages, options).ToListAsync());

        Assert.Contains(named, sync.Message, StringComparison.Ordinal);
        Assert.Contains("Qianfan V1", sync.Message, StringComparison.Ordinal);
        Assert.Equal(sync.Message, streamed.Message);
        Assert.Empty(emulator.V1Chats());
    }

    [Fact]
    public async Task Stream_YieldsEachPieceAsAnUpdate_TheLastWithUsageAndTheFinishReason()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);

        var updates = await client.Chat.AsIChatClient(AIHarness.V1Model).GetStreamingResponseAsync("你好，今天怎么样？").ToListAsync();

        Assert.True(updates.Count > 1);
        Assert.All(updates, u => Assert.IsType<ChatChunk>(u.RawRepresentation));
        Assert.All(updates[..^1], u => Assert.Null(u.FinishReason));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        var usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        Assert.Same(usage, updates[^1].Contents.OfType<UsageContent>().Single());
        var folded = updates.ToChatResponse();
        Assert.Equal(AIHarness.Reply("你好，今天怎么样？"), folded.Text);
        Assert.Equal(AIHarness.V1Model, folded.ModelId);
        Assert.True(folded.Usage!.OutputTokenCount > 0);
    }

    [Fact]
    public async Task Stream_CutBeforeIsEnd_ThrowsAfterThePiecesReceived()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        emulator.Scenarios.CutNextStreams(1, afterSentences: 1);
        var received = new List<string>();

        await Assert.ThrowsAsync<QianfanStreamEndedException>(async () =>
        {
            await foreach (var update in client.Chat.AsIChatClient(AIHarness.V1Model).GetStreamingResponseAsync("你好，今天怎么样？"))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(["这是千帆模拟器的回答。"], received);
    }

    [Fact]
    public async Task ServiceError_SurfacesAsQianfanException_WithItsCode()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        emulator.Scenarios.FailNextChatCalls(2, QianfanErrorCodes.InvalidParam, "the parameter is invalid");
        var chat = client.Chat.AsIChatClient(AIHarness.V1Model);

        var sync = await Assert.ThrowsAsync<QianfanException>(() => chat.GetResponseAsync("你好"));
        var streamed = await Assert.ThrowsAsync<QianfanException>(() => chat.GetStreamingResponseAsync("你好").ToListAsync());

        Assert.Equal(QianfanErrorCodes.InvalidParam, sync.ErrorCode);
        Assert.Equal(QianfanErrorCodes.InvalidParam, streamed.ErrorCode);
    }

    [Fact]
    public async Task Cancelled_StopsWithOperationCanceled_SyncAndStreamed()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var chat = client.Chat.AsIChatClient(AIHarness.V1Model);
        var hold = emulator.Scenarios.HoldNextStreamAfterFirstChunk();
        using var streamCancellation = new CancellationTokenSource();
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in chat.GetStreamingResponseAsync("你好，今天怎么样？", cancellationToken: streamCancellation.Token))
            {
                received++;
                await streamCancellation.CancelAsync();
            }
        });
        hold.Release();
        emulator.Scenarios.DelayNextChatResponses(1, TimeSpan.FromSeconds(30));
        using var syncCancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chat.GetResponseAsync("你好", cancellationToken: syncCancellation.Token).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal(1, received);
    }

    [Fact]
    public async Task NeedClearHistory_IsInAdditionalProperties()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        emulator.Scenarios.ClearHistoryOnNextChatCalls(2);
        var chat = client.Chat.AsIChatClient(AIHarness.V1Model);

        var response = await chat.GetResponseAsync("你好");
        var updates = await chat.GetStreamingResponseAsync("你好").ToListAsync();

        Assert.Equal(true, response.AdditionalProperties!["need_clear_history"]);
        Assert.Equal(-1, response.AdditionalProperties["ban_round"]);
        Assert.Contains(updates, u => u.AdditionalProperties?["need_clear_history"] is true);
    }

    [Fact]
    public async Task GetService_ReturnsTheMetadata_TheQianfanClientAndTheChatClient()
    {
        await using var emulator = await AIHarness.StartEmulatorAsync();
        using var client = AIHarness.Client(emulator);
        var custom = ModelSpec.ForCustomEndpoint("my_dolly");

        var named = client.Chat.AsIChatClient(AIHarness.V1Model);
        var byDefault = client.Chat.AsIChatClient();
        var endpoint = client.Chat.AsIChatClient(custom);

        Assert.Equal("qianfan", named.GetService<ChatClientMetadata>()!.ProviderName);
        Assert.Equal(emulator.BaseUri, named.GetService<ChatClientMetadata>()!.ProviderUri);
        Assert.Equal(AIHarness.V1Model, named.GetService<ChatClientMetadata>()!.DefaultModelId);
        Assert.Equal(ModelCatalog.DefaultModel, byDefault.GetService<ChatClientMetadata>()!.DefaultModelId);
        Assert.Equal("my_dolly", endpoint.GetService<ChatClientMetadata>()!.DefaultModelId);
        Assert.Same(client, named.GetService<QianfanClient>());
        Assert.Same(client.Chat, named.GetService<ChatClient>());
        Assert.Same(named, named.GetService<IChatClient>());
    }

    [Fact]
    public async Task ACustomEndpoint_IsCalledAtItsPath()
    {
        var options = new QianfanEmulatorOptions();
        options.CustomEndpoints.Add(ModelSpec.ForCustomEndpoint("my_dolly"));
        await using var emulator = await QianfanEmulator.StartAsync(options);
        using var client = AIHarness.Client(emulator);

        ChatResponse response = await client.Chat.AsIChatClient(ModelSpec.ForCustomEndpoint("my_dolly")).GetResponseAsync("你好");

        Assert.Equal(AIHarness.Reply("你好"), response.Text);
        Assert.Equal("my_dolly", Assert.Single(emulator.V1Chats()).Endpoint);
    }
}
