using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Qianfan.Sdk.Tests.Fuzzing;

/// <summary>
/// Generates valid V1 and V2 answers, sync and streamed, from a seeded <see cref="Random"/>: text of Chinese, ASCII,
/// emoji, JSON escapes and strings that look like error envelopes or stream markers; members in any order, optional
/// and unknown members, nulls where the service sends them; for streams any number of pieces, comments, other SSE
/// fields, CRLF or LF line ends, V2 reasoning and tool-call fragments and the usage-only tail.
/// </summary>
internal sealed class BodyGenerator(Random random)
{
    private static readonly string[] Words =
    [
        "千帆", "模拟器", "的回答", "一加一", "等于二", "。", "，", "！", "？", "hello", " world", "42", "🌞", "👍🏽", "𠀀",
        "\"", "\\", "\n", "\t", "/", "\u0001", "</script>", "\"error_code\":18", "{\"error\":\"x\"}", "data: [DONE]",
        "\"is_end\":true", "\n\ndata: {}", "ü", "é", "\u2028", "\uFEFF",
    ];

    private static readonly JsonSerializerOptions RawUtf8 = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public GeneratedBody Next(ReaderKind kind) => kind switch
    {
        ReaderKind.V1Sync => V1Sync(),
        ReaderKind.V1Stream => V1Stream(),
        ReaderKind.V2Sync => V2Sync(),
        _ => V2Stream(),
    };

    /// <summary>Some text; now and then empty.</summary>
    public string Text(int maxWords = 12)
    {
        var count = random.Next(0, maxWords + 1);
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(Words[random.Next(Words.Length)]);
        }

        return text.ToString();
    }

    /// <summary>A JSON string, with non-ASCII sent raw (as Qianfan does) or escaped (as other gateways do).</summary>
    public string Json(string text) => random.Next(3) == 0 ? JsonSerializer.Serialize(text) : JsonSerializer.Serialize(text, RawUtf8);

    private GeneratedBody V1Sync()
    {
        var text = Text();
        var members = new List<string>
        {
            $"\"id\":\"as-{random.Next(1000)}\"",
            "\"object\":\"chat.completion\"",
            $"\"created\":{random.Next()}",
            $"\"result\":{Json(text)}",
        };
        members.AddRange(Optional(
            "\"is_truncated\":false",
            "\"need_clear_history\":false",
            "\"finish_reason\":\"normal\"",
            "\"flag\":0",
            "\"ban_round\":null",
            "\"error_code\":null",
            "\"error_msg\":null",
            "\"is_safe\":true",
            "\"search_info\":{\"search_results\":[{\"index\":1,\"url\":\"https://example.test\",\"title\":\"t\"}]}",
            "\"function_call\":null",
            "\"tools_info\":{\"name\":\"x\"}",
            "\"unknown_member\":{\"nested\":[1,\"二\",null,{\"error_code\":1}]}",
            Usage()));
        var json = Object(members);
        var body = Pad(json, out var end);
        return new GeneratedBody(ReaderKind.V1Sync, Encoding.UTF8.GetBytes(body), text, "", "", end);
    }

    private GeneratedBody V1Stream()
    {
        var text = Text(16);
        var pieces = Split(text, random.Next(1, 6));
        var stream = new StringBuilder();
        var newline = random.Next(4) == 0 ? "\r\n" : "\n";
        var completeAt = 0;
        var id = $"as-{random.Next(1000)}";
        for (var i = 0; i < pieces.Count; i++)
        {
            SseNoise(stream, newline);
            var last = i == pieces.Count - 1;
            var members = new List<string>
            {
                $"\"id\":\"{id}\"",
                $"\"sentence_id\":{(random.Next(3) == 0 ? 0 : i)}",
                $"\"is_end\":{(last ? "true" : "false")}",
                $"\"result\":{Json(pieces[i])}",
            };
            members.AddRange(Optional("\"object\":\"chat.completion\"", "\"is_truncated\":false", "\"need_clear_history\":false", "\"error_code\":null", Usage(), "\"x_extra\":[]"));
            var json = Object(members);
            stream.Append("data: ").Append(json);
            if (last)
            {
                completeAt = Encoding.UTF8.GetByteCount(stream.ToString());
            }

            stream.Append(newline).Append(newline);
        }

        Tail(stream, newline);
        return new GeneratedBody(ReaderKind.V1Stream, Encoding.UTF8.GetBytes(stream.ToString()), text, "", "", completeAt);
    }

    private GeneratedBody V2Sync()
    {
        var text = Text();
        var reasoning = random.Next(2) == 0 ? Text() : "";
        var arguments = random.Next(3) == 0 ? Arguments() : "";
        var message = new List<string> { "\"role\":\"assistant\"", $"\"content\":{(text.Length == 0 && random.Next(2) == 0 ? "null" : Json(text))}" };
        if (reasoning.Length > 0)
        {
            message.Add($"\"reasoning_content\":{Json(reasoning)}");
        }

        if (arguments.Length > 0)
        {
            message.Add($"\"tool_calls\":[{{\"id\":\"call_1\",\"type\":\"function\",\"function\":{{\"name\":\"f\",\"arguments\":{Json(arguments)}}}}}]");
        }

        var choice = new List<string> { "\"index\":0", $"\"message\":{Object(message)}", "\"finish_reason\":\"stop\"" };
        choice.AddRange(Optional("\"need_clear_history\":false", "\"flag\":0", "\"ban_round\":null", "\"logprobs\":null"));
        var members = new List<string>
        {
            $"\"id\":\"as-{random.Next(1000)}\"",
            "\"object\":\"chat.completion\"",
            $"\"model\":\"ernie-x1.1\"",
            $"\"choices\":[{Object(choice)}]",
        };
        members.AddRange(Optional($"\"created\":{random.Next()}", Usage(), "\"search_results\":[{\"index\":1,\"url\":\"https://example.test\",\"title\":\"t\"}]", "\"error\":null", "\"system_fingerprint\":\"fp\""));
        var body = Pad(Object(members), out var end);
        return new GeneratedBody(ReaderKind.V2Sync, Encoding.UTF8.GetBytes(body), text, reasoning, arguments, end);
    }

    private GeneratedBody V2Stream()
    {
        var text = Text(16);
        var reasoning = random.Next(2) == 0 ? Text() : "";
        var arguments = random.Next(3) == 0 ? Arguments() : "";
        var newline = random.Next(4) == 0 ? "\r\n" : "\n";
        var id = $"as-{random.Next(1000)}";
        var deltas = new List<string> { "\"role\":\"assistant\"" + (random.Next(2) == 0 ? ",\"content\":\"\"" : "") };
        deltas.AddRange(Split(reasoning, random.Next(1, 4)).Where(p => p.Length > 0).Select(p => $"\"reasoning_content\":{Json(p)}"));
        deltas.AddRange(Split(text, random.Next(1, 5)).Where(p => p.Length > 0).Select(p => $"\"content\":{Json(p)}"));
        if (arguments.Length > 0)
        {
            var fragments = Split(arguments, random.Next(1, 6));
            deltas.Add($"\"tool_calls\":[{{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{{\"name\":\"f\",\"arguments\":{Json(fragments[0])}}}}}]");
            deltas.AddRange(fragments.Skip(1).Select(f => $"\"tool_calls\":[{{\"index\":0,\"function\":{{\"arguments\":{Json(f)}}}}}]"));
        }

        var stream = new StringBuilder();
        for (var i = 0; i < deltas.Count; i++)
        {
            SseNoise(stream, newline);
            var finish = i == deltas.Count - 1 ? "\"stop\"" : "null";
            stream.Append($"data: {{\"id\":\"{id}\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"ernie-x1.1\",\"choices\":[{{\"index\":0,\"delta\":{{{deltas[i]}}},\"finish_reason\":{finish}}}]}}").Append(newline).Append(newline);
        }

        switch (random.Next(3))
        {
            case 0:
                stream.Append($"data: {{\"usage\":{{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}}}").Append(newline).Append(newline);
                break;
            case 1:
                stream.Append($"data: {{\"id\":\"{id}\",\"choices\":[],\"usage\":{{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}}}").Append(newline).Append(newline);
                break;
        }

        SseNoise(stream, newline);
        stream.Append("data: [DONE]");
        var completeAt = Encoding.UTF8.GetByteCount(stream.ToString());
        stream.Append(newline).Append(newline);
        Tail(stream, newline);
        return new GeneratedBody(ReaderKind.V2Stream, Encoding.UTF8.GetBytes(stream.ToString()), text, reasoning, arguments, completeAt);
    }

    /// <summary>Tool-call arguments: a JSON object with Chinese text, as models write them.</summary>
    private string Arguments() => JsonSerializer.Serialize(new Dictionary<string, object> { ["city"] = Text(3), ["days"] = random.Next(10) }, RawUtf8);

    private string Usage() =>
        $"\"usage\":{{\"prompt_tokens\":{random.Next(100)},\"completion_tokens\":{random.Next(100)},\"total_tokens\":{random.Next(200)}{(random.Next(3) == 0 ? ",\"completion_tokens_details\":{\"reasoning_tokens\":5},\"plugins\":[]" : "")}}}";

    /// <summary>Each of <paramref name="members"/> with even odds, in random order.</summary>
    private List<string> Optional(params string[] members) => [.. members.Where(_ => random.Next(2) == 0)];

    private string Object(List<string> members) => "{" + string.Join(",", members.OrderBy(_ => random.Next())) + "}";

    /// <summary>Whitespace around a body now and then; <paramref name="end"/> is where its JSON ends.</summary>
    private string Pad(string json, out int end)
    {
        var before = random.Next(4) == 0 ? " \r\n\t" : "";
        var after = random.Next(4) == 0 ? "\n  " : "";
        end = Encoding.UTF8.GetByteCount(before + json);
        return before + json + after;
    }

    /// <summary>Text in <paramref name="count"/> pieces, cut between text elements (so no piece splits a surrogate pair).</summary>
    private List<string> Split(string text, int count)
    {
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        var cuts = Enumerable.Range(0, count - 1).Select(_ => random.Next(elements.Count + 1)).Order().ToList();
        var pieces = new List<string>();
        var start = 0;
        foreach (var cut in cuts.Append(elements.Count))
        {
            pieces.Add(string.Concat(elements.Skip(start).Take(cut - start)));
            start = cut;
        }

        return pieces;
    }

    /// <summary>What an SSE stream may carry between events and the reader must skip: comments, other fields, blank lines.</summary>
    private void SseNoise(StringBuilder stream, string newline)
    {
        switch (random.Next(8))
        {
            case 0:
                stream.Append(": keep-alive").Append(newline).Append(newline);
                break;
            case 1:
                stream.Append("event: message").Append(newline);
                break;
            case 2:
                stream.Append("id: 7").Append(newline).Append("retry: 1000").Append(newline);
                break;
            case 3:
                stream.Append(newline);
                break;
        }
    }

    /// <summary>What may follow the end of a stream and must be ignored.</summary>
    private void Tail(StringBuilder stream, string newline)
    {
        switch (random.Next(4))
        {
            case 0:
                stream.Append("data: {\"result\":\"after the end\",\"choices\":[]}").Append(newline).Append(newline);
                break;
            case 1:
                stream.Append("data: not json at all").Append(newline).Append(newline);
                break;
        }
    }
}
