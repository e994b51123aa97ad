using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qianfan.Sdk.Core.Json;
using Qianfan.Sdk.Tests.TestSupport;
using Qianfan.Sdk.Zhipu;
using Qianfan.Sdk.Zhipu.Chat;
using Qianfan.Sdk.Zhipu.Errors;

namespace Qianfan.Sdk.Tests.Zhipu;

/// <summary>
/// Chat completions: what is sent (path, bearer, body with every parameter and nothing unset, UTF-8), what comes back
/// (the reply, reasoning, tool calls, usage, the request id, fields the SDK does not model), streams to <c>[DONE]</c>.
/// </summary>
public sealed class ChatCompletionsTests
{
    [Fact]
    public async Task Complete_PostsTheBodyToChatCompletions_AndReadsTheReply()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Json(ZhipuReplies.Completion("智启未来，谱绘无限")));
        using var client = fake.CreateClient();

        var reply = await client.Chat.CompleteAsync(new ChatCompletionRequest("glm-4")
        {
            Messages =
            {
                ChatMessage.User("作为一名营销专家,请为我的产品创作一个吸引人的slogan"),
                ChatMessage.Assistant("当然,为了创作一个吸引人的slogan,请告诉我一些关于您产品的信息"),
                ChatMessage.User("智谱AI开放平台"),
            },
        });

        Assert.Equal("智启未来，谱绘无限", reply.Content);
        Assert.Equal("stop", reply.FinishReason);
        Assert.Equal("8239375684858666781", reply.Id);
        Assert.Equal("glm-4", reply.Model);
        Assert.Equal(1703487403, reply.Created);
        Assert.Equal(248, reply.Usage!.TotalTokens);
        Assert.Equal(31, reply.Usage.PromptTokens);
        Assert.Equal("req-1", reply.RequestId);
        Assert.Equal(HttpStatusCode.OK, reply.Response!.StatusCode);
        var sent = Assert.Single(fake.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://zhipu.test/api/paas/v4/chat/completions", sent.Uri.AbsoluteUri);
        Assert.Equal("application/json", sent.ContentType);
        Assert.Equal(["messages", "model"], sent.JsonKeys);
        Assert.Equal(["user", "assistant", "user"], sent.Json.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task Complete_SendsEverySetParameterUnderItsWireName()
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient();
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;
        var request = new ChatCompletionRequest("glm-4.6")
        {
            Messages = { ChatMessage.System("你是助手"), ChatMessage.User("北京天气") },
            DoSample = true,
            Temperature = 0.95f,
            TopP = 0.7f,
            MaxTokens = 1024,
            Stop = { "停" },
            Tools = { ChatTool.ForFunction("get_weather", "查询天气", schema), ChatTool.ForWebSearch(), ChatTool.ForRetrieval("kb-1") },
            ToolChoice = "auto",
            ToolStream = true,
            Thinking = new ChatThinking { Type = "disabled", ClearThinking = true },
            ResponseFormat = ChatResponseFormat.JsonObject,
            RequestId = "my-request-1",
            UserId = "user-123456",
        };
        request.AdditionalProperties["seed"] = 7;

        await client.Chat.CompleteAsync(request);

        var body = Assert.Single(fake.Requests).Json;
        Assert.True(body.GetProperty("do_sample").GetBoolean());
        Assert.Equal("0.95", body.GetProperty("temperature").GetRawText());
        Assert.Equal("0.7", body.GetProperty("top_p").GetRawText());
        Assert.Equal(1024, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(["停"], body.GetProperty("stop").EnumerateArray().Select(s => s.GetString()));
        var tools = body.GetProperty("tools");
        Assert.Equal("function", tools[0].GetProperty("type").GetString());
        Assert.Equal("get_weather", tools[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("查询天气", tools[0].GetProperty("function").GetProperty("description").GetString());
        Assert.Equal("object", tools[0].GetProperty("function").GetProperty("parameters").GetProperty("type").GetString());
        Assert.Equal("""{"type":"web_search","web_search":{"enable":true,"search_result":true}}""", tools[1].GetRawText());
        Assert.Equal("""{"type":"retrieval","retrieval":{"knowledge_id":"kb-1"}}""", tools[2].GetRawText());
        Assert.Equal("auto", body.GetProperty("tool_choice").GetString());
        Assert.True(body.GetProperty("tool_stream").GetBoolean());
        Assert.Equal("""{"type":"disabled","clear_thinking":true}""", body.GetProperty("thinking").GetRawText());
        Assert.Equal("""{"type":"json_object"}""", body.GetProperty("response_format").GetRawText());
        Assert.Equal("my-request-1", body.GetProperty("request_id").GetString());
        Assert.Equal("user-123456", body.GetProperty("user_id").GetString());
        Assert.Equal(7, body.GetProperty("seed").GetInt32());
        Assert.False(body.TryGetProperty("stream", out _));
    }

    [Fact]
    public async Task Complete_ChineseIsSentAsRawUtf8NotAsEscapes()
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient();

        await client.Chat.CompleteAsync(new ChatCompletionRequest("glm-4") { Messages = { ChatMessage.User("你好，\"智谱\"") } });

        Assert.Equal(
            Encoding.UTF8.GetBytes("""{"model":"glm-4","messages":[{"role":"user","content":"你好，\"智谱\""}]}"""),
            Assert.Single(fake.Requests).BodyBytes);
    }

    [Fact]
    public async Task Complete_ReadsReasoningToolCallsAndTheFieldsTheSdkDoesNotModel()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Json("""
            {"id":"t-9","created":1,"model":"glm-4.5","request_id":"r-9",
             "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,"reasoning_content":"先查天气",
               "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"北京\"}"}}]}}],
             "usage":{"prompt_tokens":5,"completion_tokens":6,"total_tokens":11,"prompt_tokens_details":{"cached_tokens":2}},
             "web_search":[{"title":"天气网","link":"https://weather.example/bj","refer":"ref_1"}],
             "content_filter":[{"role":"assistant","level":3}],
             "video_result":[{"url":"https://v.example/1.mp4"}]}
            """));
        using var client = fake.CreateClient();

        var reply = await client.Chat.CompleteAsync(new ChatCompletionRequest("glm-4.5") { Messages = { ChatMessage.User("北京天气") } });

        Assert.Equal("", reply.Content);
        Assert.Equal("先查天气", reply.ReasoningContent);
        Assert.Equal("tool_calls", reply.FinishReason);
        var call = Assert.Single(reply.ToolCalls);
        Assert.Equal("call_1", call.Id);
        Assert.Equal("get_weather", call.Function!.Name);
        Assert.Equal("""{"city":"北京"}""", call.Function.Arguments);
        Assert.Equal(2, reply.Usage!.PromptTokensDetails!.CachedTokens);
        Assert.Equal("https://weather.example/bj", Assert.Single(reply.WebSearch).Link);
        Assert.Equal(3, Assert.Single(reply.ContentFilter).Level);
        Assert.Equal("r-9", reply.RequestId);
        Assert.True(reply.AdditionalProperties!.ContainsKey("video_result"));
    }

    [Fact]
    public async Task AssistantTurnThatOnlyCallsTools_IsSentWithoutContent_AndTheToolResultWithItsCallId()
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient();
        var call = new ChatToolCall { Id = "call_1", Function = new ChatFunctionCall { Name = "get_weather", Arguments = "{}" } };

        await client.Chat.CompleteAsync(new ChatCompletionRequest("glm-4")
        {
            Messages =
            {
                ChatMessage.User("北京天气"),
                new ChatMessage(ChatRole.Assistant, "") { ToolCalls = [call] },
                ChatMessage.Tool("call_1", "晴"),
            },
        });

        var messages = Assert.Single(fake.Requests).Json.GetProperty("messages");
        Assert.Equal("""{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]}""", messages[1].GetRawText());
        Assert.Equal("""{"role":"tool","tool_call_id":"call_1","content":"晴"}""", messages[2].GetRawText());
    }

    [Fact]
    public async Task VisionParts_AreSentAsTheContentArray_ImagesAsUrlsOrBareBase64()
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient();

        await client.Chat.CompleteAsync(new ChatCompletionRequest("glm-4v-flash")
        {
            Messages =
            {
                ChatMessage.User(
                    ChatContentPart.FromText("图里有什么?"),
                    ChatContentPart.FromImageUrl(new Uri("https://img.example/cat.png")),
                    ChatContentPart.FromImageData([1, 2, 3])),
            },
        });

        var content = Assert.Single(fake.Requests).Json.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal(
            """[{"type":"text","text":"图里有什么?"},{"type":"image_url","image_url":{"url":"https://img.example/cat.png"}},{"type":"image_url","image_url":{"url":"AQID"}}]""",
            content.GetRawText());
    }

    [Fact]
    public async Task AdditionalProperties_RepeatingAFieldTheSdkSends_IsRefusedBeforeSending()
    {
        using var fake = new FakeZhipu();
        using var client = fake.CreateClient();
        var request = new ChatCompletionRequest("glm-4") { Messages = { ChatMessage.User("你好") } };
        request.AdditionalProperties["temperature"] = 0.5;

        var error = await Assert.ThrowsAsync<ZhipuValidationException>(() => client.Chat.CompleteAsync(request));

        Assert.Equal("AdditionalProperties['temperature']", error.ParamName);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Stream_SendsStreamTrue_YieldsEachPieceAndEndsAtDone()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Stream(
            ZhipuReplies.Chunk("土"),
            ZhipuReplies.Chunk("豆"),
            ZhipuReplies.Chunk("", "stop", """{"prompt_tokens":60,"completion_tokens":100,"total_tokens":160}"""),
            "[DONE]"));
        using var client = fake.CreateClient();

        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in client.Chat.StreamAsync(new ChatCompletionRequest("glm-4") { Messages = { ChatMessage.User("你好") } }))
        {
            chunks.Add(chunk);
        }

        Assert.Equal(["土", "豆", ""], chunks.Select(c => c.ContentDelta));
        Assert.Equal("stop", chunks[^1].FinishReason);
        Assert.Equal(160, chunks[^1].Usage!.TotalTokens);
        Assert.All(chunks, c => Assert.Equal("8313807536837492492", c.RequestId));
        Assert.True(Assert.Single(fake.Requests).Json.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task Stream_CutBeforeDone_ThrowsStreamEndedAfterThePiecesReceived()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Stream(ZhipuReplies.Chunk("土"), ZhipuReplies.Chunk("豆")));
        using var client = fake.CreateClient();

        var received = new List<string>();
        var error = await Assert.ThrowsAsync<ZhipuStreamEndedException>(async () =>
        {
            await foreach (var chunk in client.Chat.StreamAsync(new ChatCompletionRequest("glm-4") { Messages = { ChatMessage.User("你好") } }))
            {
                received.Add(chunk.ContentDelta);
            }
        });

        Assert.Equal(["土", "豆"], received);
        Assert.Equal(2, error.ChunksReceived);
        Assert.False(error.IsRetryable);
    }

    [Theory]
    [InlineData("{\"error\":{\"code\":\"1301\",\"message\":\"系统检测到输入或生成内容可能包含不安全或敏感内容\"}}")]
    [InlineData("{\"id\":\"x\",\"error\":{\"code\":1301,\"message\":\"系统检测到输入或生成内容可能包含不安全或敏感内容\"}}")]
    public async Task Stream_ErrorEvent_ThrowsTheServicesErrorWithItsCode(string errorEvent)
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Stream(ZhipuReplies.Chunk("土"), errorEvent));
        using var client = fake.CreateClient();

        var error = await Assert.ThrowsAsync<ZhipuException>(async () =>
        {
            await foreach (var _ in client.Chat.StreamAsync(new ChatCompletionRequest("glm-4") { Messages = { ChatMessage.User("你好") } }))
            {
            }
        });

        Assert.Equal("1301", error.ErrorCode);
        Assert.Contains("不安全", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ErrorAtTheStart_IsTheServicesErrorWithItsStatus()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Error(HttpStatusCode.BadRequest, "1211", "模型不存在，请检查模型代码。"));
        using var client = fake.CreateClient();

        var error = await Assert.ThrowsAsync<ZhipuException>(async () =>
        {
            await foreach (var _ in client.Chat.StreamAsync(new ChatCompletionRequest("glm-nope") { Messages = { ChatMessage.User("你好") } }))
            {
            }
        });

        Assert.Equal("1211", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("Zhipu error 1211: 模型不存在，请检查模型代码。 (HTTP 400)", error.Message);
    }

    [Fact]
    public async Task Stream_ReasoningComesBeforeTheAnswer_AndFoldsIntoTheSyncReply()
    {
        using var fake = new FakeZhipu();
        fake.Respond(() => ZhipuReplies.Stream(
            """{"id":"s","created":1,"model":"glm-4.5","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"想一想。"}}]}""",
            """{"id":"s","created":1,"model":"glm-4.5","choices":[{"index":0,"delta":{"content":"二。"}}]}""",
            """{"id":"s","created":1,"model":"glm-4.5","choices":[{"index":0,"delta":{"content":""},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}""",
            "[DONE]"));
        using var client = fake.CreateClient();
        var request = new ChatCompletionRequest("glm-4.5") { Messages = { ChatMessage.User("一加一") }, Thinking = ChatThinking.Enabled };

        var pieces = new List<(string Reasoning, string Content)>();
        var accumulator = new ChatCompletionAccumulator();
        await foreach (var chunk in client.Chat.StreamAsync(request))
        {
            pieces.Add((chunk.ReasoningDelta, chunk.ContentDelta));
            accumulator.Append(chunk);
        }

        Assert.Equal([("想一想。", ""), ("", "二。"), ("", "")], pieces);
        var folded = accumulator.ToCompletion();
        Assert.Equal("二。", folded.Content);
        Assert.Equal("想一想。", folded.ReasoningContent);
        Assert.Equal("stop", folded.FinishReason);
        Assert.Equal(3, folded.Usage!.TotalTokens);
        Assert.Equal("""{"type":"enabled"}""", Assert.Single(fake.Requests).Json.GetProperty("thinking").GetRawText());
    }

    [Fact]
    public void JsonNode_ExtraFieldsKeepTheirJson()
    {
        var request = new ChatCompletionRequest("glm-4") { Messages = { ChatMessage.User("你好") } };
        request.AdditionalProperties["sensitive_word_check"] = new JsonObject { ["type"] = "ALL", ["status"] = "DISABLE" };

        var body = JsonBody.Serialize(ChatCompletionRequestBody.From(request, stream: false), ChatJsonContext.Default.ChatCompletionRequestBody, request.ExtraFields);

        using var json = JsonDocument.Parse(body);
        Assert.Equal("""{"type":"ALL","status":"DISABLE"}""", json.RootElement.GetProperty("sensitive_word_check").GetRawText());
    }
}
