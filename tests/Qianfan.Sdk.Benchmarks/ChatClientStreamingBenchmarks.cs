using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Qianfan.Sdk.Benchmarks.Support;
using Qianfan.Sdk.Chat;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;
using ChatRole = Microsoft.Extensions.AI.ChatRole;
using OpenAIChat = OpenAI.Chat;

namespace Qianfan.Sdk.Benchmarks;

/// <summary>
/// Streaming through Microsoft.Extensions.AI's <see cref="IChatClient"/>: the same recorded V2 body (OpenAI-compatible
/// chunks, the usage tail, <c>[DONE]</c>) from the same kind of in-memory handler, read as
/// <see cref="ChatResponseUpdate"/>s by the SDK's adapter (<c>qianfanClient.AsIChatClient(model)</c>) and by
/// Microsoft.Extensions.AI.OpenAI's <c>OpenAIChatClient</c> over the OpenAI SDK (<c>chatClient.AsIChatClient()</c>).
/// The SDK's own <c>ChatCompletions.StreamAsync</c> over the same bytes shows what the adapter adds. Goal: the
/// adapter at ≥ 1.5× OpenAIChatClient's chunks/s with ≤ 0.5× its allocations per chunk.
/// </summary>
[MemoryDiagnoser]
public class ChatClientStreamingBenchmarks
{
    private const string Model = "ernie-4.5-turbo-128k";

    private QianfanClient _sdk = null!;
    private QianfanClient _sdkDirect = null!;
    private HttpClient _sdkHttp = null!;
    private HttpClient _sdkDirectHttp = null!;
    private HttpClient _openAIHttp = null!;
    private IChatClient _qianfan = null!;
    private IChatClient _openAI = null!;
    private ChatMessage[] _messages = null!;
    private ChatCompletionRequest _request = null!;

    [Params(200, 2000)]
    public int Chunks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var body = Corpus.Stream(PayloadFormat.QianfanV2, Chunks);
        _sdkHttp = Clients.InMemory(body);
        _sdkDirectHttp = Clients.InMemory(body);
        _openAIHttp = Clients.InMemory(body);
        _sdk = V2Sdk(_sdkHttp);
        _sdkDirect = V2Sdk(_sdkDirectHttp);
        _qianfan = _sdk.AsIChatClient(Model);
        _openAI = Clients.OpenAI(_openAIHttp).AsIChatClient();
        _messages = [new ChatMessage(ChatRole.User, Clients.Question)];
        _request = new ChatCompletionRequest(Model) { Messages = { Chat.ChatMessage.User(Clients.Question) } };

        // Each client must see the whole text, or the comparison is void.
        var expected = Corpus.TextLength(Chunks);
        StreamDecodingBenchmarks.Check("SDK's IChatClient", Qianfan().GetAwaiter().GetResult(), expected);
        StreamDecodingBenchmarks.Check("OpenAIChatClient", OpenAIChatClient().GetAwaiter().GetResult(), expected);
        StreamDecodingBenchmarks.Check("SDK's StreamAsync", SdkStreamAsync().GetAwaiter().GetResult(), expected);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _qianfan.Dispose();
        _openAI.Dispose();
        _sdk.Dispose();
        _sdkDirect.Dispose();
        _sdkHttp.Dispose();
        _sdkDirectHttp.Dispose();
        _openAIHttp.Dispose();
    }

    [Benchmark(Baseline = true, Description = "M.E.AI.OpenAI OpenAIChatClient.GetStreamingResponseAsync")]
    [Payload(PayloadFormat.QianfanV2)]
    public Task<int> OpenAIChatClient() => StreamAsync(_openAI, _messages);

    [Benchmark(Description = "Qianfan.Sdk AsIChatClient().GetStreamingResponseAsync")]
    [Payload(PayloadFormat.QianfanV2)]
    public Task<int> Qianfan() => StreamAsync(_qianfan, _messages);

    [Benchmark(Description = "Qianfan.Sdk ChatCompletions.StreamAsync (no adapter)")]
    [Payload(PayloadFormat.QianfanV2)]
    public async Task<int> SdkStreamAsync()
    {
        var characters = 0;
        await foreach (var chunk in _sdkDirect.ChatCompletions.StreamAsync(_request).ConfigureAwait(false))
        {
            characters += chunk.ContentDelta.Length;
        }

        return characters;
    }

    private static QianfanClient V2Sdk(HttpClient http) =>
        new(new QianfanCredentials { V2ApiKey = "bce-v3/ALTAK-bench/bench" }, new QianfanOptions(), http);

    /// <summary>Reads the stream as an M.E.AI user does, counting the text of each update.</summary>
    private static async Task<int> StreamAsync(IChatClient client, ChatMessage[] messages)
    {
        var characters = 0;
        await foreach (var update in client.GetStreamingResponseAsync(messages).ConfigureAwait(false))
        {
            foreach (var content in update.Contents)
            {
                if (content is TextContent text)
                {
                    characters += text.Text.Length;
                }
            }
        }

        return characters;
    }
}
