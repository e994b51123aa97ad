using System.Text;
using System.Text.Json;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Chat;

/// <summary>
/// V2 chat as the service is in 2026: what the newer request fields send (web search, thinking, JSON-schema replies,
/// images in user messages) and what the newer reply fields read (reasoning, citations, clear-history flags per
/// choice, reasoning tokens), sync and streamed; and the reply shapes that carry no answer at all, which read as
/// empty, never null and never an exception.
/// </summary>
public sealed class ChatCompletionFieldsTests
{
    [Fact]
    public async Task Complete_SendsWebSearchThinkingAndAJsonSchemaFormat_UnderTheServicesNames()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateV2Client();
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""");
        var request = new ChatCompletionRequest("ernie-x1.1")
        {
            Messages = { ChatMessage.User("北京天气") },
            WebSearch = new ChatWebSearchOptions { EnableCitation = true, EnableTrace = false },
            EnableThinking = true,
            ThinkingBudget = 1024,
            ResponseFormat = ChatResponseFormat.ForJsonSchema("weather", schema.RootElement, "the city asked about", strict: true),
            ParallelToolCalls = false,
        };

        await client.ChatCompletions.CompleteAsync(request);

        var body = Assert.Single(fake.V2Requests).Json;
        Assert.Equal("""{"enable":true,"enable_citation":true,"enable_trace":false}""", body.GetProperty("web_search").GetRawText());
        Assert.True(body.GetProperty("enable_thinking").GetBoolean());
        Assert.Equal(1024, body.GetProperty("thinking_budget").GetInt32());
        Assert.False(body.GetProperty("parallel_tool_calls").GetBoolean());
        var format = body.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("weather", format.GetProperty("json_schema").GetProperty("name").GetString());
        Assert.Equal("the city asked about", format.GetProperty("json_schema").GetProperty("description").GetString());
        Assert.True(format.GetProperty("json_schema").GetProperty("strict").GetBoolean());
        Assert.Equal(schema.RootElement.GetRawText(), format.GetProperty("json_schema").GetProperty("schema").GetRawText());
    }

    [Fact]
    public async Task Complete_SendsAUserMessageInParts_TextAnImageUrlAndInlineData()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateV2Client();
        var request = new ChatCompletionRequest("ernie-4.5-turbo-vl")
        {
            Messages =
            {
                ChatMessage.User(
                    ChatContentPart.FromText("这两张图有什么不同？"),
                    ChatContentPart.FromImageUrl(new Uri("https://example.test/cat.png")),
                    ChatContentPart.FromImageData([0x89, 0x50, 0x4e, 0x47], "image/png")),
            },
        };

        await client.ChatCompletions.CompleteAsync(request);

        var sent = Assert.Single(fake.V2Requests);
        Assert.Equal(
            """{"model":"ernie-4.5-turbo-vl","messages":[{"role":"user","content":[{"type":"text","text":"这两张图有什么不同？"},{"type":"image_url","image_url":{"url":"https://example.test/cat.png"}},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw=="}}]}]}""",
            Encoding.UTF8.GetString(sent.BodyBytes));
        Assert.Equal("这两张图有什么不同？", request.Messages[0].Content);
    }

    [Fact]
    public async Task Complete_ABlankTextPartIsRejectedNamingIt_NothingSent()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateV2Client();
        var request = new ChatCompletionRequest("ernie-4.5-turbo-vl")
        {
            Messages = { ChatMessage.User(ChatContentPart.FromImageUrl(new Uri("https://example.test/cat.png")), ChatContentPart.FromText(" ")) },
        };

        var error = await Assert.ThrowsAsync<Errors.QianfanValidationException>(() => client.ChatCompletions.CompleteAsync(request));

        Assert.Equal("messages[0].content[1]", error.ParamName);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Complete_PartsOnAnAssistantMessageAreRejectedNamingIt_NothingSent()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateV2Client();
        var request = new ChatCompletionRequest("ernie-4.5-turbo-vl")
        {
            Messages =
            {
                ChatMessage.User("看图"),
                new ChatMessage(ChatRole.Assistant, "图") { Parts = [ChatContentPart.FromText("图")] },
                ChatMessage.User("再看"),
            },
        };

        var error = await Assert.ThrowsAsync<Errors.QianfanValidationException>(() => client.ChatCompletions.CompleteAsync(request));

        Assert.Equal("messages[1].content", error.ParamName);
        Assert.Contains("only on a user message", error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Complete_ReadsReasoningCitationsClearHistoryFlagsAndReasoningTokens()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.Json("""
            {"id":"as-r","object":"chat.completion","created":1,"model":"ernie-x1.1",
             "choices":[{"index":0,"message":{"role":"assistant","content":"答案是二[1]。","reasoning_content":"先想一想：一加一。"},"finish_reason":"stop","need_clear_history":true,"ban_round":-1,"flag":1}],
             "search_results":[{"index":1,"url":"https://example.test/math","title":"算术"}],
             "usage":{"prompt_tokens":3,"completion_tokens":12,"total_tokens":15,"completion_tokens_details":{"reasoning_tokens":7},"prompt_tokens_details":{"cached_tokens":2}}}
            """));
        using var client = fake.CreateV2Client();

        var reply = await client.ChatCompletions.CompleteAsync(Ask());

        Assert.Equal("答案是二[1]。", reply.Content);
        Assert.Equal("先想一想：一加一。", reply.ReasoningContent);
        var choice = Assert.Single(reply.Choices);
        Assert.True(choice.NeedClearHistory);
        Assert.True(reply.NeedClearHistory);
        Assert.Equal(-1, choice.BanRound);
        Assert.Equal(1, choice.Flag);
        var source = Assert.Single(reply.SearchResults);
        Assert.Equal((1, "https://example.test/math", "算术"), (source.Index, source.Url, source.Title));
        Assert.Equal(7, reply.Usage!.CompletionTokensDetails!.ReasoningTokens);
        Assert.Equal(15, reply.Usage.TotalTokens);
    }

    [Fact]
    public async Task Stream_ReasoningDeltasComeBeforeTheContent_AndFoldIntoTheSyncShape()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.EventStream(
            Delta("""{"role":"assistant","reasoning_content":"先想"}""")
            + Delta("""{"reasoning_content":"一想。"}""")
            + Delta("""{"content":"答案"}""")
            + Delta("""{"content":"是二[1]。"}""", finish: "stop", extra: ""","need_clear_history":false,"flag":0""")
            + """data: {"id":"as-s","choices":[],"search_results":[{"index":1,"url":"https://example.test/math","title":"算术"}],"usage":{"prompt_tokens":3,"completion_tokens":9,"total_tokens":12,"completion_tokens_details":{"reasoning_tokens":4}}}""" + "\n\n"
            + "data: [DONE]\n\n"));
        using var client = fake.CreateV2Client();

        var chunks = await client.ChatCompletions.StreamAsync(Ask()).ToListAsync();
        var folded = await client.ChatCompletions.StreamAsync(Ask()).ToCompletionAsync();

        Assert.Equal(["先想", "一想。", "", "", ""], chunks.Select(c => c.ReasoningDelta));
        Assert.Equal(["", "", "答案", "是二[1]。", ""], chunks.Select(c => c.ContentDelta));
        Assert.Equal("答案是二[1]。", folded.Content);
        Assert.Equal("先想一想。", folded.ReasoningContent);
        Assert.Equal("stop", folded.FinishReason);
        Assert.Equal(0, folded.Choices[0].Flag);
        Assert.Equal("https://example.test/math", Assert.Single(folded.SearchResults).Url);
        Assert.Equal(4, folded.Usage!.CompletionTokensDetails!.ReasoningTokens);
        Assert.Equal("as-s", folded.Id);
    }

    public static TheoryData<string> AnswerlessChunks => new()
    {
        """{"usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}}""",
        """{"id":"as-1","choices":null,"usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}}""",
        """{"id":"as-1","choices":[null]}""",
        """{"id":"as-1","choices":[{"index":0}]}""",
        """{"id":"as-1","choices":[{"index":0,"delta":null,"finish_reason":null}]}""",
        """{"id":"as-1","choices":[{"index":0,"delta":{"content":null,"reasoning_content":null,"tool_calls":null}}]}""",
        """{"id":"as-1","choices":[{"index":0,"delta":{"tool_calls":[null]}}]}""",
    };

    [Theory]
    [MemberData(nameof(AnswerlessChunks))]
    public async Task Stream_AChunkWithoutAnAnswer_ReadsAsEmpty_NeverNullOrAnException(string chunk)
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.EventStream(Responses.V2Event("好") + "data: " + chunk + "\n\n" + "data: [DONE]\n\n"));
        using var client = fake.CreateV2Client();

        var chunks = await client.ChatCompletions.StreamAsync(Ask()).ToListAsync();
        var folded = await client.ChatCompletions.StreamAsync(Ask()).ToCompletionAsync();

        Assert.Equal(2, chunks.Count);
        var tail = chunks[1];
        Assert.NotNull(tail.Choices);
        Assert.Equal("", tail.ContentDelta);
        Assert.Equal("", tail.ReasoningDelta);
        Assert.Null(tail.FinishReason);
        Assert.NotNull(tail.SearchResults);
        Assert.Equal("好", folded.Content);
        Assert.Empty(folded.ToolCalls);
    }

    public static TheoryData<string> AnswerlessReplies => new()
    {
        """{"id":"as-1","usage":{"prompt_tokens":3,"completion_tokens":0,"total_tokens":3}}""",
        """{"id":"as-1","choices":[null]}""",
        """{"id":"as-1","choices":[{"index":0,"message":null}]}""",
        """{"id":"as-1","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":null}}]}""",
        """{"id":"as-1","choices":[],"search_results":null}""",
    };

    [Theory]
    [MemberData(nameof(AnswerlessReplies))]
    public async Task Complete_AReplyWithoutAnAnswer_ReadsAsEmpty_NeverNullOrAnException(string body)
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.Json(body));
        using var client = fake.CreateV2Client();

        var reply = await client.ChatCompletions.CompleteAsync(Ask());

        Assert.Equal("", reply.Content);
        Assert.Null(reply.ReasoningContent);
        Assert.Null(reply.FinishReason);
        Assert.Empty(reply.ToolCalls);
        Assert.Empty(reply.SearchResults);
        Assert.False(reply.NeedClearHistory);
    }

    private static string Delta(string delta, string? finish = null, string extra = "") =>
        $$"""data: {"id":"as-s","object":"chat.completion.chunk","created":1,"model":"ernie-x1.1","choices":[{"index":0,"delta":{{delta}},"finish_reason":{{(finish is null ? "null" : $"\"{finish}\"")}}{{extra}}}]}""" + "\n\n";

    private static ChatCompletionRequest Ask() => new("ernie-x1.1") { Messages = { ChatMessage.User("一加一") } };
}
