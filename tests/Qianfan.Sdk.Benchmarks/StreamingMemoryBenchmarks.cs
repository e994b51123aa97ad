using BenchmarkDotNet.Attributes;
using Qianfan.Sdk.Benchmarks.Support;
using Qianfan.Sdk.Chat;

namespace Qianfan.Sdk.Benchmarks;

/// <summary>
/// Goal 6: streaming memory stays flat. Allocation per chunk must not grow with the stream's length (1,000 vs
/// 10,000 chunks through the SDK's public path); <c>--memory-check</c> in Program samples the live heap during one
/// 10,000-chunk enumeration as well.
/// </summary>
[MemoryDiagnoser]
public class StreamingMemoryBenchmarks
{
    private QianfanClient _sdk = null!;
    private HttpClient _http = null!;
    private ChatRequest _request = null!;

    [Params(1000, 10000)]
    public int Chunks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _http = Clients.InMemory(Corpus.Stream(PayloadFormat.Qianfan, Chunks));
        _sdk = Clients.Sdk(_http);
        _request = Clients.QuestionRequest();
        StreamDecodingBenchmarks.Check("SDK", Sdk().GetAwaiter().GetResult(), Corpus.TextLength(Chunks));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sdk.Dispose();
        _http.Dispose();
    }

    [Benchmark(Description = "Qianfan.Sdk StreamAsync")]
    [Payload(PayloadFormat.Qianfan)]
    public Task<int> Sdk() => Clients.SdkStreamAsync(_sdk, _request);
}
