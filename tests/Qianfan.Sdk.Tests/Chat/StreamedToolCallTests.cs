using System.Globalization;
using System.Text;
using System.Text.Json;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Chat;

/// <summary>
/// Streamed V2 tool calls: the id and name come once, the arguments in fragments keyed by <c>index</c>, several calls
/// interleaved; folded into the reply the sync call would give, whatever the split. The arguments are split at every
/// character of a Chinese JSON text, and the whole event stream at every byte offset of the connection.
/// </summary>
public sealed class StreamedToolCallTests
{
    private const string Arguments = """{"city":"北京","note":"明天\"晴\"，气温25℃ 🌞","days":[1,2]}""";

    [Fact]
    public async Task Arguments_SplitAtEveryCharacter_AreAssembledExactly()
    {
        var elements = TextElements(Arguments);
        for (var split = 1; split < elements.Count; split++)
        {
            var head = string.Concat(elements.Take(split));
            var tail = string.Concat(elements.Skip(split));
            using var fake = new FakeQianfan();
            fake.RespondToV2(() => Responses.EventStream(
                Fragment(0, "call_1", "get_weather", head)
                + Fragment(1, "call_2", "get_time", "{\"zone\":")
                + Fragment(0, null, null, tail)
                + Fragment(1, null, null, "\"北京时间\"}", finish: "tool_calls")
                + "data: [DONE]\n\n"));
            using var client = fake.CreateV2Client();

            var reply = await client.ChatCompletions.StreamAsync(Ask()).ToCompletionAsync();

            Assert.Equal("tool_calls", reply.FinishReason);
            Assert.Collection(
                reply.ToolCalls,
                first =>
                {
                    Assert.Equal(("call_1", "get_weather", Arguments), (first.Id, first.Function!.Name, first.Function.Arguments));
                    Assert.Equal(0, first.Index);
                },
                second => Assert.Equal(("call_2", "get_time", """{"zone":"北京时间"}"""), (second.Id, second.Function!.Name, second.Function.Arguments)));
        }
    }

    [Fact]
    public async Task Arguments_OneCharacterPerFragment_AreAssembledExactly()
    {
        var events = new StringBuilder(Fragment(0, "call_1", "get_weather", ""));
        foreach (var element in TextElements(Arguments))
        {
            events.Append(Fragment(0, null, null, element));
        }

        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.EventStream(events + "data: [DONE]\n\n"));
        using var client = fake.CreateV2Client();

        var reply = await client.ChatCompletions.StreamAsync(Ask()).ToCompletionAsync();

        var call = Assert.Single(reply.ToolCalls);

        Assert.Equal(Arguments, call.Function!.Arguments);
        Assert.Equal("北京", JsonDocument.Parse(call.Function.Arguments!).RootElement.GetProperty("city").GetString());
    }

    [Fact]
    public async Task FragmentsWithoutAnIndex_JoinTheCallTheirIdNames_OrElseTheLastCall()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.EventStream(
            """data: {"id":"as-t","choices":[{"index":0,"delta":{"tool_calls":[{"id":"call_a","type":"function","function":{"name":"a","arguments":"{\"x\":"}}]}}]}""" + "\n\n"
            + """data: {"id":"as-t","choices":[{"index":0,"delta":{"tool_calls":[{"function":{"arguments":"1}"}}]}}]}""" + "\n\n"
            + """data: {"id":"as-t","choices":[{"index":0,"delta":{"tool_calls":[{"id":"call_b","type":"function","function":{"name":"b","arguments":"{}"}}]}}]}""" + "\n\n"
            + """data: {"id":"as-t","choices":[{"index":0,"delta":{"tool_calls":[{"id":"call_a","function":{"arguments":""}}]},"finish_reason":"tool_calls"}]}""" + "\n\n"
            + "data: [DONE]\n\n"));
        using var client = fake.CreateV2Client();

        var calls = (await client.ChatCompletions.StreamAsync(Ask()).ToCompletionAsync()).ToolCalls;

        Assert.Equal([("call_a", "a", """{"x":1}"""), ("call_b", "b", "{}")], calls.Select(c => (c.Id, c.Function!.Name, c.Function.Arguments)));
    }

    [Fact]
    public async Task TheWholeStream_SplitAtEveryByteOffset_ReadsTheSameReply()
    {
        var body = Encoding.UTF8.GetBytes(
            """data: {"id":"as-b","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"想一想：天气。"}}]}""" + "\r\n\r\n"
            + ": a comment line\n\n"
            + """data: {"id":"as-b","choices":[{"index":0,"delta":{"content":"我来查一下。"}}]}""" + "\n\n"
            + Fragment(0, "call_1", "get_weather", Arguments[..9])
            + Fragment(0, null, null, Arguments[9..], finish: "tool_calls")
            + """data: {"id":"as-b","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":20,"total_tokens":29}}""" + "\n\n"
            + "data: [DONE]\n\n");

        for (var offset = 1; offset < body.Length; offset++)
        {
            using var fake = new FakeQianfan();
            var at = offset;
            fake.RespondToV2(() => Responses.EventStream(new PieceStream(body, at, int.MaxValue)));
            using var client = fake.CreateV2Client();

            var reply = await client.ChatCompletions.StreamAsync(Ask()).ToCompletionAsync();

            Assert.True(reply.Content == "我来查一下。", $"content split at byte {offset}: '{reply.Content}'");
            Assert.Equal("想一想：天气。", reply.ReasoningContent);
            Assert.Equal(Arguments, Assert.Single(reply.ToolCalls).Function!.Arguments);
            Assert.Equal(29, reply.Usage!.TotalTokens);
        }
    }

    private static List<string> TextElements(string text)
    {
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        return elements;
    }

    private static string Fragment(int index, string? id, string? name, string arguments, string? finish = null)
    {
        var call = new Dictionary<string, object?> { ["index"] = index };
        if (id is not null)
        {
            call["id"] = id;
            call["type"] = "function";
        }

        call["function"] = name is null ? new Dictionary<string, object?> { ["arguments"] = arguments } : new Dictionary<string, object?> { ["name"] = name, ["arguments"] = arguments };
        var choice = new Dictionary<string, object?> { ["index"] = 0, ["delta"] = new Dictionary<string, object?> { ["tool_calls"] = new[] { call } }, ["finish_reason"] = finish };
        return "data: " + JsonSerializer.Serialize(new Dictionary<string, object?> { ["id"] = "as-t", ["choices"] = new[] { choice } }) + "\n\n";
    }

    private static ChatCompletionRequest Ask() => new("ernie-4.5-turbo-128k")
    {
        Messages = { ChatMessage.User("北京明天天气和时间") },
        Tools = { ChatTool.ForFunction("get_weather", "查天气"), ChatTool.ForFunction("get_time", "查时间") },
    };
}
