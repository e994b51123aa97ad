using BenchmarkDotNet.Attributes;
using Qianfan.Sdk.Benchmarks.Support;
using Qianfan.Sdk.Chat;
using OpenAIChat = OpenAI.Chat;

namespace Qianfan.Sdk.Benchmarks;

/// <summary>
/// Goal 1: decoding a recorded stream held in memory (no socket). The SDK goes through its public path
/// (<see cref="QianfanClient"/> → <c>Chat.StreamAsync</c>) over an in-memory handler; the baseline is SseParser plus
/// a source-generated JsonSerializer over the same bytes through the same kind of HttpClient; the OpenAI .NET SDK
/// decodes an OpenAI-format stream carrying the same text in the same number of pieces (plus its closing
/// finish_reason event and <c>[DONE]</c>).
/// </summary>
[MemoryDiagnoser]
public class StreamDecodingBenchmarks
{
    private QianfanClient _sdk = null!;
    private HttpClient _sdkHttp = null!;
    private HttpClient _rawHttp = null!;
    private HttpClient _openAIHttp = null!;
    private OpenAIChat.ChatClient _openAI = null!;
    private ChatRequest _request = null!;
    private OpenAIChat.ChatMessage[] _openAIMessages = null!;
    private Uri _url = null!;

    [Params(200, 2000)]
    public int Chunks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var qianfan = Corpus.Stream(PayloadFormat.Qianfan, Chunks);
        _sdkHttp = Clients.InMemory(qianfan);
        _rawHttp = Clients.InMemory(qianfan);
        _openAIHttp = Clients.InMemory(Corpus.Stream(PayloadFormat.OpenAI, Chunks));
        _sdk = Clients.Sdk(_sdkHttp);
        _openAI = Clients.OpenAI(_openAIHttp);
        _request = Clients.QuestionRequest();
        _openAIMessages = [new OpenAIChat.UserChatMessage(Clients.Question)];
        _url = Clients.ChatUrl(new Uri(QianfanOptions.DefaultBaseUrl));

        // Each decoder must see the whole text, or the comparison is void.
        var expected = Corpus.TextLength(Chunks);
        Check("SDK", Sdk().GetAwaiter().GetResult(), expected);
        Check("hand-written", HandWritten().GetAwaiter().GetResult(), expected);
        Check("OpenAI SDK", OpenAISdk().GetAwaiter().GetResult(), expected);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sdk.Dispose();
        _sdkHttp.Dispose();
        _rawHttp.Dispose();
        _openAIHttp.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Hand-written (SseParser + STJ source-gen)")]
    [Payload(PayloadFormat.Qianfan)]
    public Task<int> HandWritten() => Clients.HandWrittenStreamAsync(_rawHttp, _url);

    [Benchmark(Description = "Qianfan.Sdk StreamAsync")]
    [Payload(PayloadFormat.Qianfan)]
    public Task<int> Sdk() => Clients.SdkStreamAsync(_sdk, _request);

    [Benchmark(Description = "OpenAI SDK CompleteChatStreamingAsync")]
    [Payload(PayloadFormat.OpenAI)]
    public Task<int> OpenAISdk() => Clients.OpenAIStreamAsync(_openAI, _openAIMessages);

    internal static void Check(string who, int actual, int expected)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"The {who} decoded {actual} characters of text, expected {expected}.");
        }
    }
}
