using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Qianfan.Sdk.IntegrationTests.Sdk;

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 that answers byte for byte what a test writes, one connection at a time: whole
/// answers (then it closes the connection), or a head and a first piece after which it goes silent and only notes when
/// the client closes the connection, the way a stalled service behaves.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<Stream, CancellationToken, Task<bool>> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly TaskCompletionSource _clientClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;

    /// <param name="answer">Writes the answer; returns true to go silent afterwards rather than close.</param>
    private RawHttpServer(Func<Stream, CancellationToken, Task<bool>> answer)
    {
        _answer = answer;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>How many requests were read so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Completes when a client closed a connection the server had gone silent on.</summary>
    public Task ClientClosed => _clientClosed.Task;

    /// <summary>Answers every request with <paramref name="answer"/>'s bytes, then closes the connection.</summary>
    public static RawHttpServer Start(Func<byte[]> answer) =>
        new(async (stream, ct) =>
        {
            await stream.WriteAsync(answer(), ct);
            return false;
        });

    /// <summary>
    /// Answers every request with <paramref name="bytes"/> (a head and what is to come before the silence) and then
    /// sends nothing more, holding the connection open until the client closes it.
    /// </summary>
    public static RawHttpServer StartSilentAfter(byte[] bytes, TaskCompletionSource? sent = null) =>
        new(async (stream, ct) =>
        {
            await stream.WriteAsync(bytes, ct);
            await stream.FlushAsync(ct);
            sent?.TrySetResult();
            return true;
        });

    /// <summary>A head line and headers, <c>Connection: close</c> included.</summary>
    public static byte[] Head(string contentType, params string[] headers) =>
        Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nConnection: close\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n");

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
            if (await _answer(stream, _stop.Token))
            {
                await WaitForCloseAsync(stream);
            }
            else
            {
                socket.Shutdown(SocketShutdown.Both);
            }
        }
    }

    /// <summary>Reads until the client closes (or resets) the connection; nothing is sent meanwhile.</summary>
    private async Task WaitForCloseAsync(Stream stream)
    {
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer, _stop.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A reset is a close too.
        }
        catch (OperationCanceledException)
        {
            return;
        }

        _clientClosed.TrySetResult();
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
