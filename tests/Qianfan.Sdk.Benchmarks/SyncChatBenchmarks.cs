using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Qianfan.Sdk.Benchmarks.Support;
using Qianfan.Sdk.Chat;

namespace Qianfan.Sdk.Benchmarks;

/// <summary>
/// Goal 2: a one-shot chat end to end over loopback against a minimal Kestrel endpoint in this process, the SDK
/// (<c>Chat.CompleteAsync</c>, token from the options) against a hand-written HttpClient + source-generated
/// System.Text.Json client, with 1 caller and with 64 concurrent callers. The SDK runs twice: as
/// <c>new QianfanClient(options)</c> (its own handler) and given an HttpClient (as AddQianfan does). Op/s is requests
/// per second. Allocated includes the in-process server's allocations, the same for all, so differences are the clients'.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SyncChatBenchmarks
{
    public const int Callers = 64;

    private LoopbackServer _server = null!;
    private HttpClient _givenHttp = null!;
    private HttpClient _rawHttp = null!;
    private QianfanClient _sdk = null!;
    private QianfanClient _sdkGivenHttpClient = null!;
    private ChatRequest _request = null!;
    private Uri _url = null!;
    private Task<int>[] _calls = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = LoopbackServer.StartAsync().GetAwaiter().GetResult();
        _givenHttp = Clients.Loopback();
        _rawHttp = Clients.Loopback();
        _sdk = Clients.Sdk(null, _server.BaseUrl);
        _sdkGivenHttpClient = Clients.Sdk(_givenHttp, _server.BaseUrl);
        _request = Clients.QuestionRequest();
        _url = Clients.ChatUrl(_server.BaseUrl);
        _calls = new Task<int>[Callers];

        var expected = JsonSerializer.Deserialize(Corpus.QianfanReply(), BaselineJsonContext.Default.V1Reply)!.Result.Length;
        StreamDecodingBenchmarks.Check("SDK", Sdk_1().GetAwaiter().GetResult(), expected);
        StreamDecodingBenchmarks.Check("SDK given an HttpClient", SdkGivenHttpClient_1().GetAwaiter().GetResult(), expected);
        StreamDecodingBenchmarks.Check("raw client", Raw_1().GetAwaiter().GetResult(), expected);
        StreamDecodingBenchmarks.Check("raw client with a timeout", RawWithTimeout_1().GetAwaiter().GetResult(), expected);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sdk.Dispose();
        _sdkGivenHttpClient.Dispose();
        _givenHttp.Dispose();
        _rawHttp.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "Raw HttpClient + STJ")]
    [BenchmarkCategory("1 caller")]
    public Task<int> Raw_1() => RawCallAsync();

    [Benchmark(Description = "Raw HttpClient + STJ, with a timeout")]
    [BenchmarkCategory("1 caller")]
    public Task<int> RawWithTimeout_1() => RawCallWithTimeoutAsync();

    [Benchmark(Description = "Qianfan.Sdk CompleteAsync")]
    [BenchmarkCategory("1 caller")]
    public Task<int> Sdk_1() => CallAsync(_sdk);

    [Benchmark(Description = "Qianfan.Sdk CompleteAsync, given an HttpClient")]
    [BenchmarkCategory("1 caller")]
    public Task<int> SdkGivenHttpClient_1() => CallAsync(_sdkGivenHttpClient);

    [Benchmark(Baseline = true, OperationsPerInvoke = Callers, Description = "Raw HttpClient + STJ")]
    [BenchmarkCategory("64 callers")]
    public Task<int> Raw_64() => FanOutAsync(static b => b.RawCallAsync());

    [Benchmark(OperationsPerInvoke = Callers, Description = "Raw HttpClient + STJ, with a timeout")]
    [BenchmarkCategory("64 callers")]
    public Task<int> RawWithTimeout_64() => FanOutAsync(static b => b.RawCallWithTimeoutAsync());

    [Benchmark(OperationsPerInvoke = Callers, Description = "Qianfan.Sdk CompleteAsync")]
    [BenchmarkCategory("64 callers")]
    public Task<int> Sdk_64() => FanOutAsync(static b => b.CallAsync(b._sdk));

    [Benchmark(OperationsPerInvoke = Callers, Description = "Qianfan.Sdk CompleteAsync, given an HttpClient")]
    [BenchmarkCategory("64 callers")]
    public Task<int> SdkGivenHttpClient_64() => FanOutAsync(static b => b.CallAsync(b._sdkGivenHttpClient));

    private async Task<int> CallAsync(QianfanClient client)
    {
        var reply = await client.Chat.CompleteAsync(_request).ConfigureAwait(false);
        return reply.Result.Length;
    }

    private Task<int> RawCallAsync() => RawCompleteAsync(_rawHttp, _url);

    /// <summary>
    /// The raw client with the least a production client has: a timeout (here a token that cancels after 120 s, the
    /// SDK's default; HttpClient.Timeout costs the same). A cancellable token makes HttpClient link a source of its
    /// own and the connection register on it.
    /// </summary>
    private async Task<int> RawCallWithTimeoutAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        return await RawCompleteAsync(_rawHttp, _url, timeout.Token).ConfigureAwait(false);
    }

    /// <summary>The hand-written client's one-shot chat: serialize the DTO, post it, read the reply as a stream.</summary>
    internal static async Task<int> RawCompleteAsync(HttpClient http, Uri url, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(Clients.RawQuestion(stream: false), BaselineJsonContext.Default.V1RequestBody);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var reply = await response.Content.ReadFromJsonAsync(BaselineJsonContext.Default.V1Reply, cancellationToken).ConfigureAwait(false);
        return reply!.Result.Length;
    }

    /// <summary>64 callers at once, each sending one request; the op is one request.</summary>
    private async Task<int> FanOutAsync(Func<SyncChatBenchmarks, Task<int>> call)
    {
        for (var i = 0; i < _calls.Length; i++)
        {
            _calls[i] = Task.Run(() => call(this));
        }

        var characters = 0;
        foreach (var result in await Task.WhenAll(_calls).ConfigureAwait(false))
        {
            characters += result;
        }

        return characters;
    }
}
