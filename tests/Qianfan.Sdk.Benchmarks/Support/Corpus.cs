using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Qianfan.Sdk.Benchmarks.Support;

/// <summary>The wire format a recorded stream is in.</summary>
public enum PayloadFormat
{
    /// <summary>Qianfan V1: <c>data: {"id":"as-…","object":"chat.completion",…,"result":"…"}</c>, last with <c>is_end</c> true.</summary>
    Qianfan,

    /// <summary>OpenAI chat completions: <c>data: {"object":"chat.completion.chunk","choices":[{"delta":{"content":"…"}}]}</c>, then <c>[DONE]</c>.</summary>
    OpenAI,

    /// <summary>
    /// Qianfan V2 (OpenAI-compatible) as the service streams it with <c>include_usage</c>: the pieces as deltas, the last
    /// with <c>finish_reason</c>, then the usage-only chunk (<c>choices: []</c>) and <c>[DONE]</c>.
    /// </summary>
    QianfanV2,
}

/// <summary>
/// Recorded answers, generated deterministically: the same chunk count gives the same Chinese text, byte for byte,
/// in the benchmark process and in the host process that computes the MB/s column.
/// </summary>
public static class Corpus
{
    public const string ChatPath = "/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/";
    public const long Created = 1732412345;
    public const string QianfanId = "as-bcmt5ct4iy";
    public const int PromptTokens = 9;

    // Sentences of the kind ERNIE streams for "1加1为什么等于2?", one piece being one or two of them.
    private static readonly string[] Sentences =
    [
        "这是一个看似简单、实则深刻的问题。",
        "在日常生活中，我们把一个苹果和另一个苹果放在一起，就得到了两个苹果。",
        "但在数学里，“1+1=2”并不是凭经验得出的，而是由公理和定义推导出来的。",
        "19世纪末，意大利数学家皮亚诺提出了一组描述自然数的公理，后人称之为皮亚诺公理。",
        "这组公理规定：0是自然数；每个自然数n都有唯一的后继S(n)；",
        "不同的自然数有不同的后继；0不是任何自然数的后继；",
        "最后还有数学归纳原理，它保证从0出发、不断取后继，可以得到全部自然数。",
        "在此基础上，加法被递归地定义为：a+0=a，a+S(b)=S(a+b)。",
        "于是，1就是S(0)，2就是S(S(0))，也就是S(1)。",
        "按照定义，1+1=1+S(0)=S(1+0)=S(1)=2，证明完毕。",
        "罗素和怀特海在《数学原理》中用了数百页的篇幅，才严格地证明了这个结论。",
        "需要注意的是，这里的证明依赖于我们选择的公理体系，",
        "如果换成其他代数结构，例如模2运算，1+1的结果就是0。",
        "在布尔代数中，1+1又可以被解释为“或”运算，结果仍然是1。",
        "所以，“1加1为什么等于2”的答案是：因为我们这样定义了自然数和加法，",
        "而这些定义恰好与我们对数量的直观经验相吻合。",
        "这也正是数学的魅力所在：从少数几条简单的规则出发，推导出整个严密的体系。",
        "顺便一提，著名的“哥德巴赫猜想”常被通俗地称为“1+1”问题，",
        "它说的是每个大于2的偶数都可以写成两个素数之和，与这里讨论的算术等式并不是一回事。",
        "陈景润在1966年证明了“1+2”，即每个充分大的偶数都可以表示为一个素数与一个不超过两个素数之积的和。",
        "希望以上的解释能帮助你理解这个问题。",
        "如果你对皮亚诺公理或集合论中的自然数构造感兴趣，我可以进一步为你介绍。",
    ];

    private static readonly ConcurrentDictionary<(PayloadFormat, int), byte[]> Streams = new();
    private static readonly ConcurrentDictionary<int, string[]> PieceSets = new();
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The answer cut into <paramref name="count"/> pieces of one or two sentences (some with a paragraph break).</summary>
    public static IReadOnlyList<string> Pieces(int count) => PieceSets.GetOrAdd(count, static n =>
    {
        var random = new Random(20241124);
        var pieces = new string[n];
        var next = 0;
        for (var i = 0; i < n; i++)
        {
            var text = new StringBuilder(Sentences[next++ % Sentences.Length]);
            if (random.Next(3) == 0)
            {
                text.Append(Sentences[next++ % Sentences.Length]);
            }

            if (random.Next(6) == 0)
            {
                text.Append("\n\n");
            }

            pieces[i] = text.ToString();
        }

        return pieces;
    });

    /// <summary>The whole recorded <c>text/event-stream</c> body of a <paramref name="chunks"/>-piece answer.</summary>
    public static byte[] Stream(PayloadFormat format, int chunks) =>
        Streams.GetOrAdd((format, chunks), static key => key.Item1 switch
        {
            PayloadFormat.Qianfan => BuildQianfan(key.Item2),
            PayloadFormat.QianfanV2 => BuildQianfanV2(key.Item2),
            _ => BuildOpenAI(key.Item2),
        });

    /// <summary>Total characters of the answer's text (to check that a decoder saw all of it).</summary>
    public static int TextLength(int chunks) => Pieces(chunks).Sum(p => p.Length);

    /// <summary>One V1 stream event: <c>data: {…}\n\n</c>.</summary>
    public static byte[] QianfanEvent(int sentenceId, bool isEnd, string result, int completionTokens)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        WriteQianfanEvent(buffer, sentenceId, isEnd, result, completionTokens);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A non-streamed V1 reply, as <c>/chat/ernie_speed</c> answers it.</summary>
    public static byte[] QianfanReply()
    {
        var text = string.Concat(Pieces(8));
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer, Relaxed);
        json.WriteStartObject();
        json.WriteString("id", QianfanId);
        json.WriteString("object", "chat.completion");
        json.WriteNumber("created", Created);
        json.WriteString("result", text);
        json.WriteBoolean("is_truncated", false);
        json.WriteBoolean("need_clear_history", false);
        json.WriteString("finish_reason", "normal");
        WriteUsage(json, text.Length);
        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] BuildQianfan(int chunks)
    {
        var pieces = Pieces(chunks);
        var buffer = new ArrayBufferWriter<byte>(chunks * 400);
        var completion = 0;
        for (var i = 0; i < chunks; i++)
        {
            completion += pieces[i].Length;
            WriteQianfanEvent(buffer, i, i == chunks - 1, pieces[i], completion);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteQianfanEvent(ArrayBufferWriter<byte> buffer, int sentenceId, bool isEnd, string result, int completionTokens)
    {
        buffer.Write("data: "u8);
        using (var json = new Utf8JsonWriter(buffer, Relaxed))
        {
            json.WriteStartObject();
            json.WriteString("id", QianfanId);
            json.WriteString("object", "chat.completion");
            json.WriteNumber("created", Created);
            json.WriteNumber("sentence_id", sentenceId);
            json.WriteBoolean("is_end", isEnd);
            json.WriteBoolean("is_truncated", false);
            json.WriteString("result", result);
            json.WriteBoolean("need_clear_history", false);
            WriteUsage(json, completionTokens);
            json.WriteEndObject();
        }

        buffer.Write("\n\n"u8);
    }

    private static void WriteUsage(Utf8JsonWriter json, int completionTokens)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", PromptTokens);
        json.WriteNumber("completion_tokens", completionTokens);
        json.WriteNumber("total_tokens", PromptTokens + completionTokens);
        json.WriteEndObject();
    }

    // V2's shape: the first delta carries the role, the last the finish reason; then the usage tail and [DONE].
    private static byte[] BuildQianfanV2(int chunks)
    {
        var pieces = Pieces(chunks);
        var buffer = new ArrayBufferWriter<byte>(chunks * 400);
        var completion = 0;
        for (var i = 0; i <= chunks; i++)
        {
            buffer.Write("data: "u8);
            using (var json = new Utf8JsonWriter(buffer, Relaxed))
            {
                json.WriteStartObject();
                json.WriteString("id", QianfanId);
                json.WriteString("object", "chat.completion.chunk");
                json.WriteNumber("created", Created);
                json.WriteString("model", "ernie-4.5-turbo-128k");
                json.WriteStartArray("choices");
                if (i < chunks)
                {
                    completion += pieces[i].Length;
                    json.WriteStartObject();
                    json.WriteNumber("index", 0);
                    json.WriteStartObject("delta");
                    if (i == 0)
                    {
                        json.WriteString("role", "assistant");
                    }

                    json.WriteString("content", pieces[i]);
                    json.WriteEndObject();
                    if (i == chunks - 1)
                    {
                        json.WriteString("finish_reason", "stop");
                    }
                    else
                    {
                        json.WriteNull("finish_reason");
                    }

                    json.WriteNumber("flag", 0);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                if (i == chunks)
                {
                    WriteUsage(json, completion);
                }

                json.WriteEndObject();
            }

            buffer.Write("\n\n"u8);
        }

        buffer.Write("data: [DONE]\n\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    // OpenAI's shape: the first delta carries the role, each later one only content, then an empty delta with
    // finish_reason, then [DONE].
    private static byte[] BuildOpenAI(int chunks)
    {
        var pieces = Pieces(chunks);
        var buffer = new ArrayBufferWriter<byte>(chunks * 450);
        for (var i = 0; i <= chunks; i++)
        {
            buffer.Write("data: "u8);
            using (var json = new Utf8JsonWriter(buffer, Relaxed))
            {
                json.WriteStartObject();
                json.WriteString("id", "chatcmpl-AWx3S2kQ9hZ4bVd7eF1gH2iJ3kL4m");
                json.WriteString("object", "chat.completion.chunk");
                json.WriteNumber("created", Created);
                json.WriteString("model", "gpt-4o-mini-2024-07-18");
                json.WriteString("service_tier", "default");
                json.WriteString("system_fingerprint", "fp_0705bf87c0");
                json.WriteStartArray("choices");
                json.WriteStartObject();
                json.WriteNumber("index", 0);
                json.WriteStartObject("delta");
                if (i == 0)
                {
                    json.WriteString("role", "assistant");
                }

                if (i < chunks)
                {
                    json.WriteString("content", pieces[i]);
                }

                if (i == 0)
                {
                    json.WriteNull("refusal");
                }

                json.WriteEndObject();
                json.WriteNull("logprobs");
                if (i < chunks)
                {
                    json.WriteNull("finish_reason");
                }
                else
                {
                    json.WriteString("finish_reason", "stop");
                }

                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteNull("usage");
                json.WriteEndObject();
            }

            buffer.Write("\n\n"u8);
        }

        buffer.Write("data: [DONE]\n\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
