using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Qianfan.Sdk.Benchmarks.Support;
using Qianfan.Sdk.Chat;

namespace Qianfan.Sdk.Benchmarks;

/// <summary>
/// Goal 2, the client's share alone: one <c>CompleteAsync</c> answered from memory (no socket, no server), so the
/// time is only what each client does with a request and its reply. Loopback's figures
/// (<see cref="SyncChatBenchmarks"/>) carry the server's and the kernel's work, which on a shared 2-core machine
/// varies more from batch to batch than the clients differ.
/// </summary>
[MemoryDiagnoser]
public class SyncOverheadBenchmarks
{
    private HttpClient _rawHttp = null!;
    private QianfanClient _sdk = null!;
    private ChatRequest _request = null!;
    private Uri _url = null!;

    [GlobalSetup]
    public void Setup()
    {
        var reply = Corpus.QianfanReply();
        _rawHttp = Clients.InMemory(reply, "application/json");
        _sdk = Clients.Sdk(Clients.InMemory(reply, "application/json"));
        _request = Clients.QuestionRequest();
        _url = Clients.ChatUrl(new Uri(QianfanOptions.DefaultBaseUrl));

        var expected = JsonSerializer.Deserialize(reply, BaselineJsonContext.Default.V1Reply)!.Result.Length;
        StreamDecodingBenchmarks.Check("SDK", Sdk().GetAwaiter().GetResult(), expected);
        StreamDecodingBenchmarks.Check("raw client", Raw().GetAwaiter().GetResult(), expected);
        StreamDecodingBenchmarks.Check("raw client with a timeout", RawWithTimeout().GetAwaiter().GetResult(), expected);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sdk.Dispose();
        _rawHttp.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Raw HttpClient + STJ, from memory")]
    public Task<int> Raw() => SyncChatBenchmarks.RawCompleteAsync(_rawHttp, _url);

    [Benchmark(Description = "Raw HttpClient + STJ, with a timeout, from memory")]
    public async Task<int> RawWithTimeout()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        return await SyncChatBenchmarks.RawCompleteAsync(_rawHttp, _url, timeout.Token).ConfigureAwait(false);
    }

    [Benchmark(Description = "Qianfan.Sdk CompleteAsync, from memory")]
    public async Task<int> Sdk()
    {
        var reply = await _sdk.Chat.CompleteAsync(_request).ConfigureAwait(false);
        return reply.Result.Length;
    }
}
