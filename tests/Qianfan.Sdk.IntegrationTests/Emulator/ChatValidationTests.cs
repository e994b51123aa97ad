namespace Qianfan.Sdk.IntegrationTests.Emulator;

/// <summary>The body rules of seed documents 000 and 002, each answered with error 336003 naming the rule.</summary>
public sealed class ChatValidationTests
{
    private const string Hi = """{"role":"user","content":"hi"}""";
    private const string Reply = """{"role":"assistant","content":"hello"}""";

    public static TheoryData<string, string, string> BrokenRules => new()
    {
        { "ernie-lite-8k", """{}""", "the messages must not be empty" },
        { "ernie-lite-8k", """{"messages":[]}""", "the messages must not be empty" },
        { "ernie-lite-8k", """{"messages":"hi"}""", "the messages must not be empty" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}},{{Reply}}]}""", "the length of messages must be an odd number" },
        { "ernie-lite-8k", $$"""{"messages":[{{Reply}}]}""", "the role of message with even index in the messages must be user" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}},{{Hi}},{{Hi}}]}""", "the role of message with odd index in the messages must be assistant" },
        { "ernie-lite-8k", """{"messages":[{"role":"system","content":"x"}]}""", "the role of message with even index in the messages must be user" },
        { "ernie-lite-8k", """{"messages":[{"role":"user","content":""}]}""", "the content of message must not be empty" },
        { "ernie-lite-8k", """{"messages":[{"role":"user"}]}""", "the content of message must not be empty" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}},{"role":"assistant","content":""},{{Hi}}]}""", "the content of message must not be empty" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"system":5}""", "system must be a string" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"stream":"yes"}""", "stream must be a boolean" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"temperature":0}""", "temperature must be in range (0, 1.0]" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"temperature":1.01}""", "temperature must be in range (0, 1.0]" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"temperature":"0.5"}""", "temperature must be in range (0, 1.0]" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"top_p":-0.1}""", "top_p must be in range [0, 1.0]" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"top_p":1.1}""", "top_p must be in range [0, 1.0]" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"penalty_score":0.99}""", "penalty_score must be in range [1.0, 2.0]" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"penalty_score":2.01}""", "penalty_score must be in range [1.0, 2.0]" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"max_output_tokens":1}""", "max_output_tokens must be an integer in range [2, 2048]" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"max_output_tokens":2049}""", "max_output_tokens must be an integer in range [2, 2048]" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"max_output_tokens":10.5}""", "max_output_tokens must be an integer in range [2, 2048]" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"frequency_penalty":-2.1}""", "frequency_penalty must be in range [-2.0, 2.0]" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"frequency_penalty":2.1}""", "frequency_penalty must be in range [-2.0, 2.0]" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"presence_penalty":-2.1}""", "presence_penalty must be in range [-2.0, 2.0]" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"presence_penalty":2.1}""", "presence_penalty must be in range [-2.0, 2.0]" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"user_id":42}""", "user_id must be a string" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"stop":["a","b","c","d","e"]}""", "stop must have at most 4 elements" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"stop":["123456789012345678901"]}""", "each element of stop must not exceed 20 characters" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"stop":"end"}""", "stop must be a list of strings" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"top_k":5}""", "the parameter top_k is not supported by model ERNIE-Lite-8K-0308" },
        { "llama_2_7b", $$"""{"messages":[{{Hi}}],"top_k":0}""", "top_k must be a positive integer" },
        { "llama_2_7b", $$"""{"messages":[{{Hi}}],"top_k":1.5}""", "top_k must be a positive integer" },
        { "llama_2_7b", $$"""{"messages":[{{Hi}}],"system":"persona"}""", "the parameter system is not supported by model Llama-2-7B-Chat" },
    };

    public static TheoryData<string, string> ValidBodies => new()
    {
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}},{{Reply}},{{Hi}}]}""" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"temperature":1,"top_p":0,"penalty_score":2,"max_output_tokens":2,"frequency_penalty":-2,"presence_penalty":2}""" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"temperature":0.01,"top_p":1,"penalty_score":1,"max_output_tokens":2048,"frequency_penalty":2,"presence_penalty":-2}""" },
        { "ernie-lite-8k", $$"""{"messages":[{{Hi}}],"stop":["a","b","c","12345678901234567890"],"user_id":"u","system":"s","stream":false}""" },
        { "llama_2_7b", $$"""{"messages":[{{Hi}}],"top_k":1}""" },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public async Task Chat_BrokenRule_Is336003NamingTheRule(string endpoint, string body, string rule)
    {
        await using var session = await EmulatorSession.StartAsync();

        var answer = await session.ChatAsync(body, endpoint);

        EmulatorSession.AssertError(answer, 336003, rule);
    }

    [Theory]
    [MemberData(nameof(ValidBodies))]
    public async Task Chat_BoundaryValuesAreAccepted(string endpoint, string body)
    {
        await using var session = await EmulatorSession.StartAsync();

        var answer = await session.ChatAsync(body, endpoint);

        Assert.True(answer.TryGetProperty("result", out _), answer.ToString());
    }

    [Fact]
    public async Task Chat_InputUpToTheCharacterLimitIsAccepted_OneMoreIsRejected()
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = await session.GetTokenAsync();

        // Seed 000: ERNIE-Speed's message contents plus system may hold 24,000 characters.
        var atLimit = await session.ChatAsync(EmulatorSession.UserBody(new string('a', 24_000)), "ernie_speed", token);
        var overLimit = await session.ChatAsync(EmulatorSession.UserBody(new string('a', 24_001)), "ernie_speed", token);

        Assert.True(atLimit.TryGetProperty("result", out _));
        EmulatorSession.AssertError(overLimit, 336003, "the total length of messages content and system must not exceed 24000 characters");
    }

    [Fact]
    public async Task Chat_SystemAndEveryMessageCountTowardsTheCharacterLimit()
    {
        await using var session = await EmulatorSession.StartAsync();
        var history = new string('b', 10_000);
        var body = $$"""
            {"messages":[
              {"role":"user","content":"{{history}}"},
              {"role":"assistant","content":"{{history}}"},
              {"role":"user","content":"{{new string('c', 3_990)}}"}],
             "system":"{{new string('s', 11)}}"}
            """;

        var answer = await session.ChatAsync(body, "ernie_speed");

        EmulatorSession.AssertError(answer, 336003, "the total length of messages content and system must not exceed 24000 characters");
    }

    [Fact]
    public async Task Chat_CharactersAreCountedAsCodePoints()
    {
        await using var session = await EmulatorSession.StartAsync();

        // 4,800 emoji are 9,600 UTF-16 units but 4,800 characters: within Dolly-sized limits of the Llama models.
        var answer = await session.ChatAsync(EmulatorSession.UserBody(string.Concat(Enumerable.Repeat("😀", 4_800))), "llama_2_7b");

        Assert.True(answer.TryGetProperty("result", out _), answer.ToString());
    }

    [Fact]
    public async Task Chat_InputOverTheTokenLimitIsRejected()
    {
        await using var session = await EmulatorSession.StartAsync();

        // 9,832 Chinese characters are within ERNIE-Speed's 24,000 characters but over its 6,144 tokens (6,145 at 0.625 each).
        var answer = await session.ChatAsync(EmulatorSession.UserBody(new string('好', 9_832)), "ernie_speed");

        EmulatorSession.AssertError(answer, 336003, "the prompt tokens of messages content and system must not exceed 6144");
    }
}
