using System.Net.Http.Headers;
using System.Net.Http.Json;
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
    public async Task<int> Raw()
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(Clients.RawQuestion(stream: false), BaselineJsonContext.Default.V1RequestBody);
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _rawHttp.SendAsync(request).ConfigureAwait(false);
        var reply = await response.Content.ReadFromJsonAsync(BaselineJsonContext.Default.V1Reply).ConfigureAwait(false);
        return reply!.Result.Length;
    }

    [Benchmark(Description = "Raw HttpClient + STJ, with a timeout, from memory")]
    public async Task<int> RawWithTimeout()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var body = JsonSerializer.SerializeToUtf8Bytes(Clients.RawQuestion(stream: false), BaselineJsonContext.Default.V1RequestBody);
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _rawHttp.SendAsync(request, timeout.Token).ConfigureAwait(false);
        var reply = await response.Content.ReadFromJsonAsync(BaselineJsonContext.Default.V1Reply, timeout.Token).ConfigureAwait(false);
        return reply!.Result.Length;
    }

    [Benchmark(Description = "Qianfan.Sdk CompleteAsync, from memory")]
    public async Task<int> Sdk()
    {
        var reply = await _sdk.Chat.CompleteAsync(_request).ConfigureAwait(false);
        return reply.Result.Length;
    }
}
