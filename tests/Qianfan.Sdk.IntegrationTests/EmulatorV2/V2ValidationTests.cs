using System.Net;

namespace Qianfan.Sdk.IntegrationTests.EmulatorV2;

/// <summary>Bodies the V2 API rejects: HTTP 400 (401 for an unknown model) with the V2 error naming the field.</summary>
public sealed class V2ValidationTests
{
    private const string Tool = """{"type":"function","function":{"name":"get_time"}}""";

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("")]
    public async Task NotAJsonObject_IsMalformedJson(string body)
    {
        await using var session = await V2Session.StartAsync();

        var answer = await session.ChatAsync(body, HttpStatusCode.BadRequest);

        V2Session.AssertError(answer, "malformed_json", "invalid_request_error", "Invalid Argument");
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"model":"","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"model":null,"messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"model":5,"messages":[{"role":"user","content":"hi"}]}""")]
    public async Task MissingModel_IsModelEmpty(string body)
    {
        await using var session = await V2Session.StartAsync();

        var answer = await session.ChatAsync(body, HttpStatusCode.BadRequest);

        V2Session.AssertError(answer, "invalid_model", "invalid_request_error", "model is empty");
    }

    [Theory]
    [InlineData("""{"model":"ernie-lite-8k"}""", "messages must be a non-empty array")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[]}""", "messages must be a non-empty array")]
    [InlineData("""{"model":"ernie-lite-8k","messages":"hi"}""", "messages must be a non-empty array")]
    [InlineData("""{"model":"ernie-lite-8k","messages":["hi"]}""", "messages[0] must be an object")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"bot","content":"hi"}]}""", "messages[0].role must be one of system, user, assistant, tool")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"content":"hi"}]}""", "messages[0].role must be one of system, user, assistant, tool")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"user","content":""}]}""", "messages[0].content must be a non-empty string")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"user"}]}""", "messages[0].content must be a non-empty string")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"user","content":[]}]}""", "messages[0].content must not be an empty array")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"user","content":[{"type":"text","text":""}]}]}""", "messages[0].content[0].text must be a non-empty string")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"user","content":[{"type":"video","url":"x"}]}]}""", "messages[0].content[0].type must be text or image_url")]
    [InlineData("""{"model":"ernie-4.5-turbo-vl","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://x/y.png"}}]}]}""", "messages[0].content[0].image_url.url must be an http(s) URL or a data:image/…;base64, URL")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"system","content":[{"type":"text","text":"s"}]},{"role":"user","content":"hi"}]}""", "messages[0].content must be a non-empty string")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"system","content":""},{"role":"user","content":"hi"}]}""", "messages[0].content must be a non-empty string")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"user","content":"hi"},{"role":"system","content":"s"},{"role":"user","content":"hi"}]}""", "messages[1]: a system message must be the first message")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"ok"}]}""", "the last message must be from the user or a tool")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"system","content":"s"}]}""", "the last message must be from the user or a tool")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":""},{"role":"user","content":"hi"}]}""", "messages[1].content must be a non-empty string")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"ok","tool_calls":[]},{"role":"user","content":"hi"}]}""", "messages[1].tool_calls must be a non-empty array")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[{"id":"c1","type":"retrieval","function":{"name":"f"}}]},{"role":"tool","tool_call_id":"c1","content":"r"}]}""", "messages[1].tool_calls[0].type must be function")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f"}}]},{"role":"tool","tool_call_id":"c1","content":"r"}]}""", "messages[1].tool_calls[0].id must be a non-empty string")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":""}}]},{"role":"tool","tool_call_id":"c1","content":"r"}]}""", "messages[1].tool_calls[0].function.name must be a non-empty string")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":{}}}]},{"role":"tool","tool_call_id":"c1","content":"r"}]}""", "messages[1].tool_calls[0].function.arguments must be a string")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":5,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f"}}]},{"role":"tool","tool_call_id":"c1","content":"r"}]}""", "messages[1].content must be a string")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f"}}]},{"role":"tool","content":"r"}]}""", "messages[2].tool_call_id is required for a tool message")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f"}}]},{"role":"tool","tool_call_id":"c2","content":"r"}]}""", "messages[2].tool_call_id 'c2' does not answer any tool call of an earlier assistant message")]
    [InlineData("""{"model":"ernie-lite-8k","messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f"}}]},{"role":"tool","tool_call_id":"c1"}]}""", "messages[2].content must be a string")]
    public async Task BadMessages_AreInvalidMessages(string body, string message)
    {
        await using var session = await V2Session.StartAsync();

        var answer = await session.ChatAsync(body, HttpStatusCode.BadRequest);

        V2Session.AssertError(answer, "invalid_messages", "invalid_request_error", message);
    }

    [Theory]
    [InlineData(""","stream":"yes" """, "stream must be a boolean")]
    [InlineData(""","stream_options":"usage" """, "stream_options must be an object")]
    [InlineData(""","stream_options":{"include_usage":1}""", "stream_options.include_usage must be a boolean")]
    [InlineData(""","temperature":0""", "temperature must be in range (0, 1.0]")]
    [InlineData(""","temperature":1.01""", "temperature must be in range (0, 1.0]")]
    [InlineData(""","temperature":"0.5" """, "temperature must be in range (0, 1.0]")]
    [InlineData(""","top_p":-0.1""", "top_p must be in range [0, 1.0]")]
    [InlineData(""","top_p":1.1""", "top_p must be in range [0, 1.0]")]
    [InlineData(""","penalty_score":0.99""", "penalty_score must be in range [1.0, 2.0]")]
    [InlineData(""","penalty_score":2.01""", "penalty_score must be in range [1.0, 2.0]")]
    [InlineData(""","max_completion_tokens":1""", "max_completion_tokens must be an integer in range [2, 2048]")]
    [InlineData(""","max_completion_tokens":2049""", "max_completion_tokens must be an integer in range [2, 2048]")]
    [InlineData(""","max_completion_tokens":100.5""", "max_completion_tokens must be an integer in range [2, 2048]")]
    [InlineData(""","frequency_penalty":2.5""", "frequency_penalty must be in range [-2.0, 2.0]")]
    [InlineData(""","presence_penalty":-2.5""", "presence_penalty must be in range [-2.0, 2.0]")]
    [InlineData(""","user":5""", "user must be a string")]
    [InlineData(""","stop":["a","b","c","d","e"]""", "stop must have at most 4 elements")]
    [InlineData(""","stop":["123456789012345678901"]""", "each element of stop must not exceed 20 characters")]
    [InlineData(""","stop":5""", "stop must be a string or a list of strings")]
    [InlineData(""","stop":["a",5]""", "stop must be a string or a list of strings")]
    [InlineData(""","tools":{}""", "tools must be an array")]
    [InlineData(""","tools":["get_time"]""", "tools[0] must be an object")]
    [InlineData(""","tools":[{"type":"retrieval","function":{"name":"f"}}]""", "tools[0].type must be function")]
    [InlineData(""","tools":[{"type":"function"}]""", "tools[0].function must be an object")]
    [InlineData(""","tools":[{"type":"function","function":{"name":"get time"}}]""", "tools[0].function.name must be 1 to 64 letters, digits, underscores or dashes")]
    [InlineData(""","tools":[{"type":"function","function":{}}]""", "tools[0].function.name must be 1 to 64 letters, digits, underscores or dashes")]
    [InlineData(""","tools":[{"type":"function","function":{"name":"f","description":5}}]""", "tools[0].function.description must be a string")]
    [InlineData(""","tools":[{"type":"function","function":{"name":"f","parameters":"{}"}}]""", "tools[0].function.parameters must be a JSON object")]
    [InlineData(""","tools":[{"type":"function","function":{"name":"f"}},{"type":"function","function":{"name":"f"}}]""", "tools[1].function.name 'f' is not unique")]
    [InlineData(""","tool_choice":"sometimes" """, "tool_choice must be none, auto, required or {\"type\":\"function\",\"function\":{\"name\":…}}")]
    [InlineData(""","tool_choice":"required" """, "tool_choice required needs tools")]
    [InlineData(""","tools":[TOOL],"tool_choice":{"type":"function","function":{"name":"other"}}""", "tool_choice.function.name must name one of the tools")]
    [InlineData(""","tools":[TOOL],"tool_choice":{"type":"function"}""", "tool_choice must be none, auto, required or {\"type\":\"function\",\"function\":{\"name\":…}}")]
    public async Task BadParameters_AreInvalidArgument(string extra, string message)
    {
        await using var session = await V2Session.StartAsync();

        var answer = await session.ChatAsync(V2Session.UserBody("hi", extra.Replace("TOOL", Tool, StringComparison.Ordinal)), HttpStatusCode.BadRequest);

        V2Session.AssertError(answer, "invalid_argument", "invalid_request_error", message);
    }

    [Theory]
    [InlineData(""","temperature":1,"top_p":0,"penalty_score":1,"max_completion_tokens":2""")]
    [InlineData(""","temperature":0.01,"top_p":1,"penalty_score":2,"max_completion_tokens":2048""")]
    [InlineData(""","frequency_penalty":-2,"presence_penalty":2,"user":"u-1","stop":["a","b","c","d"]""")]
    [InlineData(""","stop":"。","stream":false,"stream_options":null,"temperature":null""")]
    [InlineData(""","tools":[TOOL],"tool_choice":"auto","seed":7,"unknown_key":{"x":1}""")]
    [InlineData(""","tools":[],"tool_choice":"none" """)]
    public async Task ValuesInRange_AndUnknownKeys_AreAccepted(string extra)
    {
        await using var session = await V2Session.StartAsync();

        var answer = await session.ChatAsync(V2Session.UserBody("hi", extra.Replace("TOOL", Tool, StringComparison.Ordinal)));

        Assert.Equal("chat.completion", answer.GetProperty("object").GetString());
    }

    [Fact]
    public async Task TooManyCharacters_IsCharactersTooLong()
    {
        await using var session = await V2Session.StartAsync();

        // ernie-lite-8k (ERNIE-Lite-8K-0308) takes at most 11,200 characters, system message included.
        var body = $$"""{"model":"ernie-lite-8k","messages":[{"role":"system","content":"{{new string('x', 200)}}"},{"role":"user","content":"{{new string('x', 11001)}}"}]}""";
        var answer = await session.ChatAsync(body, HttpStatusCode.BadRequest);

        V2Session.AssertError(answer, "characters_too_long", "invalid_request_error", "the max input characters is 11200");
    }

    [Fact]
    public async Task TooManyTokens_IsTokensTooLong()
    {
        await using var session = await V2Session.StartAsync();

        // ernie-speed-8k: 24,000 characters but 6,144 tokens; each Chinese character is 0.625 of a token (9,832 are 6,145).
        var answer = await session.ChatAsync(V2Session.UserBody(new string('字', 9832), model: "ernie-speed-8k"), HttpStatusCode.BadRequest);

        V2Session.AssertError(answer, "tokens_too_long", "invalid_request_error", "Prompt tokens too long");
    }

    [Fact]
    public async Task Authentication_IsCheckedBeforeTheBody()
    {
        await using var session = await V2Session.StartAsync();

        var answer = await session.ChatAsync("{", HttpStatusCode.Unauthorized, key: "wrong");

        V2Session.AssertError(answer, "invalid_iam_token", "invalid_request_error");
    }

    [Fact]
    public async Task RejectedBodies_ConsumeNoQuota()
    {
        await using var session = await V2Session.StartAsync();
        session.Scenarios.RpmLimit = 1;

        await session.ChatAsync(V2Session.UserBody("hi", ""","temperature":0"""), HttpStatusCode.BadRequest);
        var answer = await session.ChatAsync(V2Session.UserBody("hi"));

        Assert.Equal("chat.completion", answer.GetProperty("object").GetString());
    }
}
