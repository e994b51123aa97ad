using System.IO.Compression;
using System.Text;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Errors;

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

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task CompressedReply_IsDecoded(string encoding)
    {
        var compressed = Compress(encoding, Encoding.UTF8.GetBytes(ReplyJson("压缩的回答")));
        await using var server = RawHttpServer.Start(() => Concat(Head($"Content-Encoding: {encoding}", $"Content-Length: {compressed.Length}"), compressed));
        using var client = Client(server);

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal("压缩的回答", reply.Result);
    }

    [Fact]
    public async Task CompressedReply_ThroughAnHttpClientThatDecompresses_IsDecodedOnce()
    {
        var compressed = Compress("gzip", Encoding.UTF8.GetBytes(ReplyJson("只解压一次")));
        await using var server = RawHttpServer.Start(() => Concat(Head("Content-Encoding: gzip", $"Content-Length: {compressed.Length}"), compressed));
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.All });
        using var client = new QianfanClient(new QianfanCredentials { AccessToken = "wire-token" }, new QianfanOptions { BaseUrl = server.BaseUrl, Retry = new RetryOptions { MaxRetries = 0 } }, http);

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal("只解压一次", reply.Result);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task ReplyWhoseCompressionDoesNotDecode_IsAnHttpRequestException_NeverInvalidDataOrInvalidOperation(string encoding)
    {
        var corrupt = Corrupt(encoding);
        await using var server = RawHttpServer.Start(() => Concat(Head($"Content-Encoding: {encoding}", $"Content-Length: {corrupt.Length}"), corrupt));
        using var client = Client(server);

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.Chat.CompleteAsync(Ask()));

        Assert.Equal(HttpRequestError.InvalidResponse, ex.HttpRequestError);
        Assert.Contains("does not decode", ex.Message, StringComparison.Ordinal);
        Assert.IsType(encoding == "br" ? typeof(InvalidOperationException) : typeof(InvalidDataException), ex.InnerException);
        Assert.Equal(1, server.Requests);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task ReplyWhoseCompressionDoesNotDecode_IsRetriedLikeADroppedConnection(string encoding)
    {
        var corrupt = Corrupt(encoding);
        var good = Compress(encoding, Encoding.UTF8.GetBytes(ReplyJson("第二次的回答")));
        var answers = 0;
        await using var server = RawHttpServer.Start(() => Interlocked.Increment(ref answers) == 1
            ? Concat(Head($"Content-Encoding: {encoding}", $"Content-Length: {corrupt.Length}"), corrupt)
            : Concat(Head($"Content-Encoding: {encoding}", $"Content-Length: {good.Length}"), good));
        using var client = Client(server, maxRetries: 2);

        var reply = await client.Chat.CompleteAsync(Ask());

        Assert.Equal("第二次的回答", reply.Result);
        Assert.Equal(2, server.Requests);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task StreamWhoseCompressionDoesNotDecode_IsAStreamEndedBeforeItsFirstChunk_AndRetried(string encoding)
    {
        var corrupt = Corrupt(encoding);
        var events = Compress(encoding, Encoding.UTF8.GetBytes(
            """data: {"id":"as-s","sentence_id":0,"is_end":true,"result":"流式的回答","usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}""" + "\n\n"));
        var answers = 0;
        await using var server = RawHttpServer.Start(() => Interlocked.Increment(ref answers) == 1
            ? Concat(StreamHead($"Content-Encoding: {encoding}", $"Content-Length: {corrupt.Length}"), corrupt)
            : Concat(StreamHead($"Content-Encoding: {encoding}", $"Content-Length: {events.Length}"), events));
        using (var once = Client(server))
        {
            var ex = await Assert.ThrowsAsync<QianfanStreamEndedException>(async () => await once.Chat.StreamAsync(Ask()).ToListAsync());
            Assert.Equal(0, ex.ChunksReceived);
            Assert.True(ex.IsRetryable);
        }

        using var client = Client(server, maxRetries: 2);
        var chunks = await client.Chat.StreamAsync(Ask()).ToListAsync();

        Assert.Equal("流式的回答", Assert.Single(chunks).Result);
        Assert.Equal(2, server.Requests);
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

    private static QianfanClient Client(RawHttpServer server, int maxRetries = 0) => new(
        new QianfanCredentials { AccessToken = "wire-token" },
        new QianfanOptions
        {
            BaseUrl = server.BaseUrl,
            Retry = new RetryOptions { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(1) },
            Timeout = TimeSpan.FromSeconds(20),
        });

    /// <summary>Bytes that claim to be <paramref name="encoding"/> and are not: gzip's and zlib's header then bytes no decoder takes; for Brotli plain text.</summary>
    private static byte[] Corrupt(string encoding)
    {
        var garbage = Encoding.ASCII.GetBytes("this is plain text sent under a compressed Content-Encoding");
        return encoding switch
        {
            "gzip" => [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xff, 0xff, 0xff, 0xff, .. garbage],
            "deflate" => [0x78, 0x9c, 0xff, 0xff, 0xff, 0xff, .. garbage],
            _ => garbage,
        };
    }

    private static byte[] Compress(string encoding, byte[] data)
    {
        var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "br" => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
        })
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] StreamHead(params string[] headers) =>
        Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n");

    private static ChatRequest Ask() => new("ERNIE-Speed-8K") { Messages = { ChatMessage.User("hi") } };

    private static string ReplyJson(string text) =>
        $$$"""{"id":"as-wire","object":"chat.completion","created":1,"result":"{{{text}}}","is_truncated":false,"need_clear_history":false,"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}""";

    private static byte[] Head(params string[] headers) =>
        Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n");

    private static byte[] Chunk(ReadOnlySpan<byte> data) =>
        Concat(Encoding.ASCII.GetBytes($"{data.Length:X}\r\n"), data.ToArray(), "\r\n"u8.ToArray());

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
