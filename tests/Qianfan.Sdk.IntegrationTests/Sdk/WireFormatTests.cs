using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Core;

namespace Qianfan.Sdk.IntegrationTests.Sdk;

/// <summary>
/// A client that owns its HTTP stack reads replies straight off the connection. These answers come from a raw socket,
/// byte for byte: chunked, compressed, larger than the first buffer, and cut short.
/// </summary>
public sealed class WireFormatTests
{
    [Fact]
    public async Task ChunkedReply_LargerThanTheFirstBuffer_IsReadWhole()
    {
        var text = new string('千', 30_000); // 90,000 bytes of UTF-8
        var json = Encoding.UTF8.GetBytes(ReplyJson(text));
        await using var server = RawHttpServer.Start(() => Concat(
            Head("Transfer-Encoding: chunked"),
            Chunk(json.AsSpan(0, 1000)),
            Chunk(json.AsSpan(1000)),
            "0\r\n\r\n"u8.ToArray()));
        using var client = Client(server);

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal(text, reply.Result);
    }

    [Fact]
    public async Task GzipReply_IsDecompressed()
    {
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(ReplyJson("压缩的回答")));
        }

        await using var server = RawHttpServer.Start(() => Concat(
            Head("Content-Encoding: gzip", $"Content-Length: {compressed.Length}"),
            compressed.ToArray()));
        using var client = Client(server);

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal("压缩的回答", reply.Result);
    }

    [Fact]
    public async Task ReplyWithContentLength_LargerThanTheFirstBuffer_IsReadExactly()
    {
        var text = string.Concat(Enumerable.Repeat("一段很长的回答。", 5_000));
        var json = Encoding.UTF8.GetBytes(ReplyJson(text));
        await using var server = RawHttpServer.Start(() => Concat(Head($"Content-Length: {json.Length}"), json));
        using var client = Client(server);

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal(text, reply.Result);
    }

    [Fact]
    public async Task ReplyCutBeforeItsContentLength_IsAnError_NotAShortAnswer()
    {
        var json = Encoding.UTF8.GetBytes(ReplyJson("完整的回答"));
        await using var server = RawHttpServer.Start(() => Concat(Head($"Content-Length: {json.Length + 100}"), json));
        using var client = Client(server);

        // The same exception HttpClient throws when a body it buffers breaks off, so callers need one catch for both set-ups.
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Equal(HttpRequestError.ResponseEnded, ex.HttpRequestError);
        Assert.Equal(1, server.Requests);
    }

    private static QianfanClient Client(RawHttpServer server) => new(
        new QianfanCredentials { AccessToken = "wire-token" },
        new QianfanOptions
        {
            BaseUrl = server.BaseUrl,
            Retry = new RetryOptions { MaxRetries = 0 },
            Timeout = TimeSpan.FromSeconds(20),
        });

    private static ChatRequest Ask() => new("ERNIE-Speed-8K") { Messages = { ChatMessage.User("hi") } };

    private static string ReplyJson(string text) =>
        $$$"""{"id":"as-wire","object":"chat.completion","created":1,"result":"{{{text}}}","is_truncated":false,"need_clear_history":false,"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}""";

    private static byte[] Head(params string[] headers) =>
        Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n");

    private static byte[] Chunk(ReadOnlySpan<byte> data) =>
        Concat(Encoding.ASCII.GetBytes($"{data.Length:X}\r\n"), data.ToArray(), "\r\n"u8.ToArray());

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>Answers every request on 127.0.0.1 with the given bytes, then closes the connection.</summary>
    private sealed class RawHttpServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Func<byte[]> _answer;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;
        private int _requests;

        private RawHttpServer(Func<byte[]> answer)
        {
            _answer = answer;
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

        public int Requests => Volatile.Read(ref _requests);

        public static RawHttpServer Start(Func<byte[]> answer) => new(answer);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                using var socket = await _listener.AcceptSocketAsync(_stop.Token);
                await using var stream = new NetworkStream(socket, ownsSocket: false);
                await ReadRequestAsync(stream);
                Interlocked.Increment(ref _requests);
                await stream.WriteAsync(_answer(), _stop.Token);
                socket.Shutdown(SocketShutdown.Both);
            }
        }

        private async Task ReadRequestAsync(Stream stream)
        {
            var received = new List<byte>();
            var buffer = new byte[4096];
            int headerEnd;
            while ((headerEnd = IndexOfHeaderEnd(received)) < 0)
            {
                var n = await stream.ReadAsync(buffer, _stop.Token);
                if (n == 0)
                {
                    return;
                }

                received.AddRange(buffer.AsSpan(0, n));
            }

            var head = Encoding.ASCII.GetString(received.ToArray(), 0, headerEnd);
            var length = head.Split("\r\n")
                .Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                .Select(l => int.Parse(l["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
                .FirstOrDefault();
            var body = received.Count - headerEnd - 4;
            while (body < length)
            {
                var n = await stream.ReadAsync(buffer, _stop.Token);
                if (n == 0)
                {
                    return;
                }

                body += n;
            }
        }

        private static int IndexOfHeaderEnd(List<byte> bytes)
        {
            for (var i = 3; i < bytes.Count; i++)
            {
                if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n')
                {
                    return i - 3;
                }
            }

            return -1;
        }
    }
}
