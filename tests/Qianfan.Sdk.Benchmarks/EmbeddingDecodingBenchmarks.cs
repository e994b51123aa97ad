using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Headers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OpenAI;
using Qianfan.Sdk.Benchmarks.Support;
using Qianfan.Sdk.Embeddings;
using OpenAIEmbeddings = OpenAI.Embeddings;

namespace Qianfan.Sdk.Benchmarks;

/// <summary>
/// Decoding an embeddings reply of 16 × 1,024 floats held in memory (no socket). The SDK goes through its public path
/// (<c>Embeddings.CreateAsync</c> on V1, <c>EmbeddingsV2.CreateAsync</c> on V2) and hands back the vectors in the
/// texts' order; the baseline posts the same body and deserializes the same bytes with a source-generated
/// JsonSerializer context, from the response stream (the usual way) or from the whole body read first; the OpenAI .NET SDK's embeddings client reads the same V2-shaped bytes. Goal: the SDK at
/// ≥ 0.9× the baseline's throughput with ≤ 1.2× its allocations.
/// </summary>
[MemoryDiagnoser]
public class EmbeddingDecodingBenchmarks
{
    private const string Model = "bge-large-zh";

    private QianfanClient _sdk = null!;
    private QianfanClient _sdkV2 = null!;
    private HttpClient _sdkHttp = null!;
    private HttpClient _sdkV2Http = null!;
    private HttpClient _rawHttp = null!;
    private HttpClient _openAIHttp = null!;
    private OpenAIEmbeddings.EmbeddingClient _openAI = null!;
    private string[] _texts = null!;
    private Uri _url = null!;

    /// <summary>Vectors per reply (the most one request may carry).</summary>
    [Params(16)]
    public int Vectors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var reply = EmbeddingCorpus.Reply(Vectors);
        _sdkHttp = Clients.InMemory(reply, "application/json");
        _sdkV2Http = Clients.InMemory(reply, "application/json");
        _rawHttp = Clients.InMemory(reply, "application/json");
        _openAIHttp = Clients.InMemory(reply, "application/json");
        _sdk = Clients.Sdk(_sdkHttp);
        _sdkV2 = new QianfanClient(new QianfanCredentials { V2ApiKey = "bce-v3/ALTAK-bench/bench" }, new QianfanOptions(), _sdkV2Http);
        _openAI = new OpenAIEmbeddings.EmbeddingClient("bge-large-zh", new ApiKeyCredential("sk-bench"), new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(_openAIHttp) });
        _texts = EmbeddingCorpus.Texts(Vectors);
        _url = new Uri(string.Concat(QianfanOptions.DefaultBaseUrl, "/rpc/2.0/ai_custom/v1/wenxinworkshop/embeddings/bge_large_zh?access_token=", Uri.EscapeDataString(Clients.AccessToken)));

        // Each decoder must see every number, or the comparison is void.
        var expected = Vectors * EmbeddingCorpus.Dimensions;
        StreamDecodingBenchmarks.Check("SDK", Sdk().GetAwaiter().GetResult(), expected);
        StreamDecodingBenchmarks.Check("SDK (V2)", SdkV2().GetAwaiter().GetResult(), expected);
        StreamDecodingBenchmarks.Check("hand-written", HandWritten().GetAwaiter().GetResult(), expected);
        StreamDecodingBenchmarks.Check("hand-written, whole body", HandWrittenWholeBody().GetAwaiter().GetResult(), expected);
        StreamDecodingBenchmarks.Check("OpenAI SDK", OpenAISdk().GetAwaiter().GetResult(), expected);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sdk.Dispose();
        _sdkV2.Dispose();
        _sdkHttp.Dispose();
        _sdkV2Http.Dispose();
        _rawHttp.Dispose();
        _openAIHttp.Dispose();
    }

    /// <summary>Post the texts, deserialize the reply with a source-generated context, take the vectors in order.</summary>
    [Benchmark(Baseline = true, Description = "Hand-written (STJ source-gen)")]
    public async Task<int> HandWritten()
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new EmbeddingBaselineRequest { Input = _texts }, EmbeddingBaselineJsonContext.Default.EmbeddingBaselineRequest);
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _rawHttp.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        var content = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            var list = await JsonSerializer.DeserializeAsync(content, EmbeddingBaselineJsonContext.Default.EmbeddingList).ConfigureAwait(false);
            var numbers = 0;
            foreach (var item in list!.Data)
            {
                numbers += item.Embedding.Length;
            }

            return numbers;
        }
    }

    /// <summary>The same, but reading the whole body first and deserializing it from memory, as the SDK itself does.</summary>
    [Benchmark(Description = "Hand-written, whole body first (STJ source-gen)")]
    public async Task<int> HandWrittenWholeBody()
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new EmbeddingBaselineRequest { Input = _texts }, EmbeddingBaselineJsonContext.Default.EmbeddingBaselineRequest);
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _rawHttp.SendAsync(request).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var list = JsonSerializer.Deserialize(bytes, EmbeddingBaselineJsonContext.Default.EmbeddingList);
        var numbers = 0;
        foreach (var item in list!.Data)
        {
            numbers += item.Embedding.Length;
        }

        return numbers;
    }

    [Benchmark(Description = "Qianfan.Sdk Embeddings.CreateAsync (V1)")]
    public async Task<int> Sdk() => Count((await _sdk.Embeddings.CreateAsync(new EmbeddingRequest(Model, _texts)).ConfigureAwait(false)).Vectors);

    [Benchmark(Description = "Qianfan.Sdk EmbeddingsV2.CreateAsync (V2)")]
    public async Task<int> SdkV2() => Count((await _sdkV2.EmbeddingsV2.CreateAsync(new EmbeddingRequest(Model, _texts)).ConfigureAwait(false)).Vectors);

    [Benchmark(Description = "OpenAI SDK EmbeddingClient.GenerateEmbeddingsAsync")]
    public async Task<int> OpenAISdk()
    {
        var result = await _openAI.GenerateEmbeddingsAsync(_texts).ConfigureAwait(false);
        var numbers = 0;
        foreach (var embedding in result.Value)
        {
            numbers += embedding.ToFloats().Length;
        }

        return numbers;
    }

    private static int Count(IReadOnlyList<float[]> vectors)
    {
        var numbers = 0;
        foreach (var vector in vectors)
        {
            numbers += vector.Length;
        }

        return numbers;
    }
}
