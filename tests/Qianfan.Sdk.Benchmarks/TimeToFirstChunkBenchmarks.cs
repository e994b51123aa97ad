using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Qianfan.Sdk.Benchmarks.Support;
using Qianfan.Sdk.Chat;

namespace Qianfan.Sdk.Benchmarks;

/// <summary>
/// Goal 3: time to first chunk over loopback. The Kestrel endpoint answers <c>stream: true</c> with its first event
/// flushed on its own, then the last; each op sends the request, waits for the first chunk and closes the stream,
/// so the mean is the time to first chunk plus the (equal) cost of letting go of the rest. The SDK is
/// <c>new QianfanClient(options)</c>, over its own handler.
/// </summary>
[MemoryDiagnoser]
public class TimeToFirstChunkBenchmarks
{
    private LoopbackServer _server = null!;
    private HttpClient _rawHttp = null!;
    private QianfanClient _sdk = null!;
    private ChatRequest _request = null!;
    private Uri _url = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = LoopbackServer.StartAsync().GetAwaiter().GetResult();
        _rawHttp = Clients.Loopback();
        _sdk = Clients.Sdk(null, _server.BaseUrl);
        _request = Clients.QuestionRequest();
        _url = Clients.ChatUrl(_server.BaseUrl);

        var expected = Corpus.Pieces(2)[0].Length;
        StreamDecodingBenchmarks.Check("SDK", Sdk().GetAwaiter().GetResult(), expected);
        StreamDecodingBenchmarks.Check("raw client", Raw().GetAwaiter().GetResult(), expected);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sdk.Dispose();
        _rawHttp.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "Raw HttpClient + SseParser + STJ")]
    public async Task<int> Raw()
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(Clients.RawQuestion(stream: true), BaselineJsonContext.Default.V1RequestBody);
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _rawHttp.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        var content = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            var events = SseParser.Create(content, static (_, data) => JsonSerializer.Deserialize(data, BaselineJsonContext.Default.V1Chunk)!)
                .EnumerateAsync()
                .GetAsyncEnumerator();
            await using (events.ConfigureAwait(false))
            {
                return await events.MoveNextAsync().ConfigureAwait(false) ? events.Current.Data.Result.Length : -1;
            }
        }
    }

    [Benchmark(Description = "Qianfan.Sdk StreamAsync")]
    public async Task<int> Sdk()
    {
        var chunks = _sdk.Chat.StreamAsync(_request).GetAsyncEnumerator();
        await using (chunks.ConfigureAwait(false))
        {
            return await chunks.MoveNextAsync().ConfigureAwait(false) ? chunks.Current.Result.Length : -1;
        }
    }
}
