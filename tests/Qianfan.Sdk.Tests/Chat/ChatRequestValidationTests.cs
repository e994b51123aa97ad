using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Chat;

/// <summary>Every documented rule of the chat body, both sides of each bound; a breach never reaches the network.</summary>
public sealed class ChatRequestValidationTests
{
    private const string Speed = "ERNIE-Speed-8K";

    private static readonly ModelSpec Dolly = ModelSpec.ForCustomEndpoint(
        "dolly", 4800, ["top_k", "temperature", "top_p", "penalty_score", "stop", "stream", "user_id"]);

    // ---- messages ----

    [Fact]
    public async Task Messages_EmptyIsRejected()
    {
        var ex = await RejectedAsync(new ChatRequest(Speed));

        Assert.Equal("messages", ex.ParamName);
        Assert.Equal("messages must not be empty", ex.Message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Messages_EvenCountIsRejected(int count)
    {
        var request = Request(Speed, Alternating(count));

        var ex = await RejectedAsync(request);

        Assert.Equal("messages", ex.ParamName);
        Assert.Equal($"messages must have an odd number of entries (user, assistant, …, user), had {count}", ex.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task Messages_OddAlternatingCountIsAccepted(int count) =>
        await AcceptedAsync(Request(Speed, Alternating(count)));

    [Fact]
    public async Task Messages_AssistantFirstIsRejected()
    {
        var ex = await RejectedAsync(Request(Speed, ChatMessage.Assistant("hi")));

        Assert.Equal("messages[0].role", ex.ParamName);
        Assert.StartsWith("messages[0].role must be user, was assistant", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_UserAtOddIndexIsRejected()
    {
        var ex = await RejectedAsync(Request(Speed, ChatMessage.User("a"), ChatMessage.User("b"), ChatMessage.User("c")));

        Assert.Equal("messages[1].role", ex.ParamName);
        Assert.StartsWith("messages[1].role must be assistant, was user", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_AssistantAtLastEvenIndexIsRejected()
    {
        var ex = await RejectedAsync(Request(Speed, ChatMessage.User("a"), ChatMessage.Assistant("b"), ChatMessage.Assistant("c")));

        Assert.Equal("messages[2].role", ex.ParamName);
    }

    [Fact]
    public async Task Messages_SystemRoleIsRejectedPointingToTheSystemField()
    {
        var ex = await RejectedAsync(Request(Speed, ChatMessage.System("you are helpful"), ChatMessage.Assistant("ok"), ChatMessage.User("hi")));

        Assert.Equal("messages[0].role", ex.ParamName);
        Assert.Contains("ChatRequest.System", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_ToolRoleIsRejected()
    {
        var ex = await RejectedAsync(Request(Speed, ChatMessage.User("a"), ChatMessage.Tool("call-1", "42"), ChatMessage.User("b")));

        Assert.Equal("messages[1].role", ex.ParamName);
    }

    [Fact]
    public async Task Messages_ToolCallsAreRejectedForV1()
    {
        var ex = await RejectedAsync(Request(Speed, ChatMessage.User("a") with { ToolCallId = "call-1" }));

        Assert.Equal("messages[0]", ex.ParamName);
        Assert.Contains("tool calls", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" \t\r\n ")]
    public async Task Messages_EmptyOrWhitespaceContentIsRejected(string content)
    {
        var ex = await RejectedAsync(Request(Speed, ChatMessage.User(content)));

        Assert.Equal("messages[0].content", ex.ParamName);
        Assert.Equal("messages[0].content must not be empty", ex.Message);
    }

    [Fact]
    public async Task Messages_EmptyContentInHistoryIsRejectedWithItsIndex()
    {
        var ex = await RejectedAsync(Request(Speed, ChatMessage.User("a"), ChatMessage.Assistant(" "), ChatMessage.User("c")));

        Assert.Equal("messages[1].content", ex.ParamName);
    }

    [Fact]
    public async Task Messages_NullEntryIsRejected()
    {
        var request = new ChatRequest(Speed);
        request.Messages.Add(null!);

        var ex = await RejectedAsync(request);

        Assert.Equal("messages[0]", ex.ParamName);
    }

    // ---- character limit ----

    [Fact]
    public async Task Characters_SpeedAtLimitIsAccepted() =>
        await AcceptedAsync(Request(Speed, ChatMessage.User(new string('a', 24_000))));

    [Fact]
    public async Task Characters_SpeedOverLimitIsRejected()
    {
        var ex = await RejectedAsync(Request(Speed, ChatMessage.User(new string('a', 24_001))));

        Assert.Equal("messages", ex.ParamName);
        Assert.Equal("messages content plus system must be at most 24000 characters for ERNIE-Speed-8K, was 24001", ex.Message);
    }

    [Fact]
    public async Task Characters_SystemCountsTowardTheLimit()
    {
        var atLimit = Request(Speed, ChatMessage.User(new string('a', 23_000)));
        atLimit.System = new string('s', 1_000);
        var overLimit = Request(Speed, ChatMessage.User(new string('a', 23_000)));
        overLimit.System = new string('s', 1_001);

        await AcceptedAsync(atLimit);
        var ex = await RejectedAsync(overLimit);

        Assert.Contains("was 24001", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Characters_HistoryCountsTowardTheLimit()
    {
        await AcceptedAsync(Request(
            Speed,
            ChatMessage.User(new string('a', 8_000)),
            ChatMessage.Assistant(new string('b', 8_000)),
            ChatMessage.User(new string('c', 8_000))));

        var ex = await RejectedAsync(Request(
            Speed,
            ChatMessage.User(new string('a', 8_000)),
            ChatMessage.Assistant(new string('b', 8_001)),
            ChatMessage.User(new string('c', 8_000))));

        Assert.Equal("messages", ex.ParamName);
    }

    [Fact]
    public async Task Characters_SurrogatePairCountsAsOneCharacter()
    {
        var emoji = "\U0001F600"; // two UTF-16 units, one character
        await AcceptedAsync(Request(Speed, ChatMessage.User(string.Concat(Enumerable.Repeat(emoji, 24_000)))));

        var ex = await RejectedAsync(Request(Speed, ChatMessage.User(string.Concat(Enumerable.Repeat(emoji, 24_001)))));

        Assert.Contains("was 24001", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Characters_ChineseCharactersCountOneEach()
    {
        await AcceptedAsync(Request(Speed, ChatMessage.User(new string('中', 24_000))));
        await RejectedAsync(Request(Speed, ChatMessage.User(new string('中', 24_001))));
    }

    [Fact]
    public async Task Characters_CustomEndpointAtItsLimitIsAccepted() =>
        await AcceptedAsync(Request(Dolly, ChatMessage.User(new string('a', 4_800))));

    [Fact]
    public async Task Characters_CustomEndpointOverItsLimitIsRejected()
    {
        var ex = await RejectedAsync(Request(Dolly, ChatMessage.User(new string('a', 4_801))));

        Assert.Equal("messages content plus system must be at most 4800 characters for dolly, was 4801", ex.Message);
    }

    [Fact]
    public async Task Characters_LiteLimitIsItsOwn()
    {
        await AcceptedAsync(Request("ERNIE-Lite-8K", ChatMessage.User(new string('a', 11_200))));
        await RejectedAsync(Request("ERNIE-Lite-8K", ChatMessage.User(new string('a', 11_201))));
    }

    // ---- temperature (0, 1] ----

    [Theory]
    [InlineData(0.0001f)]
    [InlineData(0.5f)]
    [InlineData(1f)]
    public async Task Temperature_InsideRangeIsAccepted(float value) =>
        await AcceptedAsync(WithOneMessage(Speed, r => r.Temperature = value));

    [Theory]
    [InlineData(0f, "0")]
    [InlineData(-0.5f, "-0.5")]
    [InlineData(1.0001f, "1.0001")]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    public async Task Temperature_OutsideRangeIsRejected(float value, string shown)
    {
        var ex = await RejectedAsync(WithOneMessage(Speed, r => r.Temperature = value));

        Assert.Equal("temperature", ex.ParamName);
        Assert.Equal($"temperature must be in (0, 1], was {shown}", ex.Message);
    }

    [Fact]
    public async Task Temperature_ZeroMessageIsExact()
    {
        var ex = await RejectedAsync(WithOneMessage(Speed, r => r.Temperature = 0));

        Assert.Equal("temperature must be in (0, 1], was 0", ex.Message);
    }

    // ---- top_p [0, 1] ----

    [Theory]
    [InlineData(0f)]
    [InlineData(0.7f)]
    [InlineData(1f)]
    public async Task TopP_InsideRangeIsAccepted(float value) =>
        await AcceptedAsync(WithOneMessage(Speed, r => r.TopP = value));

    [Theory]
    [InlineData(-0.0001f, "-0.0001")]
    [InlineData(1.0001f, "1.0001")]
    [InlineData(float.NaN, "NaN")]
    public async Task TopP_OutsideRangeIsRejected(float value, string shown)
    {
        var ex = await RejectedAsync(WithOneMessage(Speed, r => r.TopP = value));

        Assert.Equal("top_p", ex.ParamName);
        Assert.Equal($"top_p must be in [0, 1], was {shown}", ex.Message);
    }

    // ---- penalty_score [1, 2] ----

    [Theory]
    [InlineData(1f)]
    [InlineData(1.5f)]
    [InlineData(2f)]
    public async Task PenaltyScore_InsideRangeIsAccepted(float value) =>
        await AcceptedAsync(WithOneMessage(Speed, r => r.PenaltyScore = value));

    [Theory]
    [InlineData(0.9999f, "0.9999")]
    [InlineData(0f, "0")]
    [InlineData(2.0001f, "2.0001")]
    public async Task PenaltyScore_OutsideRangeIsRejected(float value, string shown)
    {
        var ex = await RejectedAsync(WithOneMessage(Speed, r => r.PenaltyScore = value));

        Assert.Equal("penalty_score", ex.ParamName);
        Assert.Equal($"penalty_score must be in [1, 2], was {shown}", ex.Message);
    }

    // ---- max_output_tokens [2, 2048] ----

    [Theory]
    [InlineData(2)]
    [InlineData(1024)]
    [InlineData(2048)]
    public async Task MaxOutputTokens_InsideRangeIsAccepted(int value) =>
        await AcceptedAsync(WithOneMessage(Speed, r => r.MaxOutputTokens = value));

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(2049)]
    public async Task MaxOutputTokens_OutsideRangeIsRejected(int value)
    {
        var ex = await RejectedAsync(WithOneMessage(Speed, r => r.MaxOutputTokens = value));

        Assert.Equal("max_output_tokens", ex.ParamName);
        Assert.Equal($"max_output_tokens must be in [2, 2048], was {value}", ex.Message);
    }

    // ---- frequency_penalty / presence_penalty [-2, 2] ----

    [Theory]
    [InlineData(-2f)]
    [InlineData(0f)]
    [InlineData(2f)]
    public async Task FrequencyPenalty_InsideRangeIsAccepted(float value) =>
        await AcceptedAsync(WithOneMessage(Speed, r => r.FrequencyPenalty = value));

    [Theory]
    [InlineData(-2.0001f, "-2.0001")]
    [InlineData(2.0001f, "2.0001")]
    [InlineData(float.NaN, "NaN")]
    public async Task FrequencyPenalty_OutsideRangeIsRejected(float value, string shown)
    {
        var ex = await RejectedAsync(WithOneMessage(Speed, r => r.FrequencyPenalty = value));

        Assert.Equal("frequency_penalty", ex.ParamName);
        Assert.Equal($"frequency_penalty must be in [-2, 2], was {shown}", ex.Message);
    }

    [Theory]
    [InlineData(-2f)]
    [InlineData(0f)]
    [InlineData(2f)]
    public async Task PresencePenalty_InsideRangeIsAccepted(float value) =>
        await AcceptedAsync(WithOneMessage(Speed, r => r.PresencePenalty = value));

    [Theory]
    [InlineData(-2.0001f, "-2.0001")]
    [InlineData(2.0001f, "2.0001")]
    public async Task PresencePenalty_OutsideRangeIsRejected(float value, string shown)
    {
        var ex = await RejectedAsync(WithOneMessage(Speed, r => r.PresencePenalty = value));

        Assert.Equal("presence_penalty", ex.ParamName);
        Assert.Equal($"presence_penalty must be in [-2, 2], was {shown}", ex.Message);
    }

    // ---- top_k ----

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    public async Task TopK_PositiveIsAcceptedByLlama(int value) =>
        await AcceptedAsync(WithOneMessage("Llama-2-7B-Chat", r => r.TopK = value));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task TopK_NotPositiveIsRejected(int value)
    {
        var ex = await RejectedAsync(WithOneMessage("Llama-2-7B-Chat", r => r.TopK = value));

        Assert.Equal("top_k", ex.ParamName);
        Assert.Equal($"top_k must be a positive integer, was {value}", ex.Message);
    }

    [Fact]
    public async Task TopK_IsRejectedForAModelThatDoesNotAcceptIt()
    {
        var ex = await RejectedAsync(WithOneMessage("ERNIE-Lite-8K", r => r.TopK = 5));

        Assert.Equal("top_k", ex.ParamName);
        Assert.StartsWith("top_k is not accepted by model ERNIE-Lite-8K", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TopK_IsAcceptedByACustomEndpointThatListsIt() =>
        await AcceptedAsync(WithOneMessage(Dolly, r => r.TopK = 3));

    [Fact]
    public async Task TopK_IsRejectedByACustomEndpointThatDoesNotListIt()
    {
        var spec = ModelSpec.ForCustomEndpoint("no_topk", 4800, ["temperature", "stream"]);

        var ex = await RejectedAsync(WithOneMessage(spec, r => r.TopK = 3));

        Assert.Equal("top_k", ex.ParamName);
        Assert.Equal("top_k is not accepted by model no_topk", ex.Message);
    }

    // ---- stop ----

    [Fact]
    public async Task Stop_FourEntriesOfTwentyCharactersAreAccepted() =>
        await AcceptedAsync(WithOneMessage(Speed, r =>
        {
            for (var i = 0; i < 4; i++)
            {
                r.Stop.Add(new string((char)('a' + i), 20));
            }
        }));

    [Fact]
    public async Task Stop_FiveEntriesAreRejected()
    {
        var ex = await RejectedAsync(WithOneMessage(Speed, r =>
        {
            for (var i = 0; i < 5; i++)
            {
                r.Stop.Add($"s{i}");
            }
        }));

        Assert.Equal("stop", ex.ParamName);
        Assert.Equal("stop must have at most 4 entries, had 5", ex.Message);
    }

    [Fact]
    public async Task Stop_EntryOfTwentyOneCharactersIsRejected()
    {
        var ex = await RejectedAsync(WithOneMessage(Speed, r =>
        {
            r.Stop.Add("ok");
            r.Stop.Add(new string('x', 21));
        }));

        Assert.Equal("stop[1]", ex.ParamName);
        Assert.Equal("stop[1] must be at most 20 characters, was 21", ex.Message);
    }

    [Fact]
    public async Task Stop_SurrogatePairsCountAsOneCharacter()
    {
        var twenty = string.Concat(Enumerable.Repeat("\U0001F600", 20));
        await AcceptedAsync(WithOneMessage(Speed, r => r.Stop.Add(twenty)));

        var ex = await RejectedAsync(WithOneMessage(Speed, r => r.Stop.Add(twenty + "\U0001F600")));

        Assert.Equal("stop[0] must be at most 20 characters, was 21", ex.Message);
    }

    [Fact]
    public async Task Stop_EmptyEntryIsRejected()
    {
        var ex = await RejectedAsync(WithOneMessage(Speed, r => r.Stop.Add("")));

        Assert.Equal("stop[0]", ex.ParamName);
        Assert.Equal("stop[0] must not be empty", ex.Message);
    }

    // ---- the model's parameter list ----

    [Theory]
    [InlineData("ERNIE-4.0-8K", "frequency_penalty")]
    [InlineData("ERNIE-4.0-8K", "presence_penalty")]
    [InlineData("Llama-2-7B-Chat", "system")]
    [InlineData("Llama-2-7B-Chat", "max_output_tokens")]
    [InlineData("ChatLaw", "stop")]
    [InlineData("ChatLaw", "penalty_score")]
    public async Task Parameter_NotInTheModelsListIsRejectedNamingParameterAndModel(string model, string parameter)
    {
        var request = WithOneMessage(model, r => Set(r, parameter));

        var ex = await RejectedAsync(request);

        Assert.Equal(parameter, ex.ParamName);
        Assert.Equal($"{parameter} is not accepted by model {model}", ex.Message);
    }

    [Fact]
    public void Parameter_StreamIsRejectedForACustomEndpointThatDoesNotListIt()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var spec = ModelSpec.ForCustomEndpoint("nostream", null, ["temperature"]);

        var ex = Assert.Throws<QianfanValidationException>(() => client.Chat.StreamAsync(Request(spec, ChatMessage.User("hi"))));

        Assert.Equal("stream", ex.ParamName);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task CustomEndpoint_WithoutStatedLimitsChecksOnlyCommonRulesAndSendsEveryParameter()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var request = Request(ModelSpec.ForCustomEndpoint("my_service"), ChatMessage.User(new string('a', 100_000)));
        request.System = "persona";
        request.Temperature = 0.5f;
        request.TopP = 0.5f;
        request.TopK = 7;
        request.PenaltyScore = 1.5f;
        request.MaxOutputTokens = 100;
        request.FrequencyPenalty = 0.5f;
        request.PresencePenalty = 0.5f;
        request.Stop.Add("END");
        request.UserId = "u-1";

        await client.Chat.CompleteAsync(request);

        var sent = Assert.Single(fake.ChatRequests);
        Assert.EndsWith("/chat/my_service", sent.Path, StringComparison.Ordinal);
        Assert.Equal(
            ["frequency_penalty", "max_output_tokens", "messages", "penalty_score", "presence_penalty", "stop", "system", "temperature", "top_k", "top_p", "user_id"],
            sent.JsonKeys);
    }

    [Fact]
    public async Task CustomEndpoint_WithoutStatedLimitsStillChecksCommonRules()
    {
        var spec = ModelSpec.ForCustomEndpoint("my_service");

        Assert.Equal("temperature", (await RejectedAsync(WithOneMessage(spec, r => r.Temperature = 0))).ParamName);
        Assert.Equal("messages", (await RejectedAsync(Request(spec, Alternating(2)))).ParamName);
        Assert.Equal("stop", (await RejectedAsync(WithOneMessage(spec, r => AddStops(r, "1", "2", "3", "4", "5")))).ParamName);
    }

    [Fact]
    public async Task UnknownModelName_IsSentToItsLowerCasedEndpointWithOnlyCommonRules()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var request = WithOneMessage("ERNIE-Future-99K", r => r.TopK = 3);

        await client.Chat.CompleteAsync(request);

        Assert.EndsWith("/chat/ernie-future-99k", Assert.Single(fake.ChatRequests).Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad/model")]
    [InlineData("ernie speed?x=1")]
    public async Task UnknownModelName_ThatIsNotAPathSegmentIsRejected(string model)
    {
        var ex = await RejectedAsync(WithOneMessage(model, _ => { }));

        Assert.Equal("model", ex.ParamName);
        Assert.Contains(model, ex.Message, StringComparison.Ordinal);
    }

    // ---- the exception ----

    [Fact]
    public async Task ValidationException_IsAnArgumentExceptionWithoutParameterSuffix()
    {
        var ex = await RejectedAsync(WithOneMessage(Speed, r => r.TopP = 2));

        Assert.IsAssignableFrom<ArgumentException>(ex);
        Assert.DoesNotContain("(Parameter", ex.Message, StringComparison.Ordinal);
        Assert.Contains("top_p", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_ValidatesAtCallTimeBeforeEnumeration()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();

        var ex = Assert.Throws<QianfanValidationException>(() => client.Chat.StreamAsync(WithOneMessage(Speed, r => r.Temperature = 0)));

        Assert.Equal("temperature", ex.ParamName);
        await Task.Yield();
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public void Validator_ReturnsTheResolvedModel()
    {
        var model = ChatRequestValidator.Validate(WithOneMessage("ernie-speed-8k", _ => { }), stream: false);

        Assert.Equal("ERNIE-Speed-8K", model.Name);
        Assert.Equal("ernie_speed", model.Endpoint);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 3)]
    [InlineData("你好", 2)]
    [InlineData("a\U0001F600b", 3)]
    public void CountCharacters_CountsCodePoints(string text, int expected) =>
        Assert.Equal(expected, Qianfan.Sdk.Protocol.ParameterRules.CountCharacters(text));

    // ---- helpers ----

    private static async Task<QianfanValidationException> RejectedAsync(ChatRequest request)
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanValidationException>(() => client.Chat.CompleteAsync(request));
        var streamEx = Assert.Throws<QianfanValidationException>(() => client.Chat.StreamAsync(request));

        Assert.Equal(ex.Message, streamEx.Message);
        Assert.Empty(fake.Requests);
        return ex;
    }

    private static async Task AcceptedAsync(ChatRequest request)
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();

        var reply = await client.Chat.CompleteAsync(request);

        Assert.Equal("Hello!", reply.Result);
        Assert.Single(fake.ChatRequests);
    }

    private static ChatRequest Request(string model, params ChatMessage[] messages) => Fill(new ChatRequest(model), messages);

    private static ChatRequest Request(ModelSpec model, params ChatMessage[] messages) => Fill(new ChatRequest(model), messages);

    private static ChatRequest WithOneMessage(string model, Action<ChatRequest> set)
    {
        var request = Request(model, ChatMessage.User("hello"));
        set(request);
        return request;
    }

    private static ChatRequest WithOneMessage(ModelSpec model, Action<ChatRequest> set)
    {
        var request = Request(model, ChatMessage.User("hello"));
        set(request);
        return request;
    }

    private static ChatRequest Fill(ChatRequest request, ChatMessage[] messages)
    {
        foreach (var message in messages)
        {
            request.Messages.Add(message);
        }

        return request;
    }

    private static ChatMessage[] Alternating(int count) =>
        [.. Enumerable.Range(0, count).Select(i => i % 2 == 0 ? ChatMessage.User($"u{i}") : ChatMessage.Assistant($"a{i}"))];

    private static void AddStops(ChatRequest request, params string[] stops)
    {
        foreach (var stop in stops)
        {
            request.Stop.Add(stop);
        }
    }

    private static void Set(ChatRequest request, string parameter)
    {
        switch (parameter)
        {
            case "frequency_penalty": request.FrequencyPenalty = 0.5f; break;
            case "presence_penalty": request.PresencePenalty = 0.5f; break;
            case "system": request.System = "persona"; break;
            case "max_output_tokens": request.MaxOutputTokens = 100; break;
            case "stop": request.Stop.Add("END"); break;
            case "penalty_score": request.PenaltyScore = 1.2f; break;
            default: throw new ArgumentOutOfRangeException(nameof(parameter), parameter, null);
        }
    }
}
