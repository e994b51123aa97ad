using System.Buffers;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Qianfan.Sdk.Benchmarks.Support;

/// <summary>
/// A minimal Kestrel endpoint on 127.0.0.1 (port chosen by the OS) answering every POST under the V1 chat path with
/// a fixed answer: the JSON reply, or, when the body asks for <c>"stream":true</c>, a two-event stream whose first
/// event is flushed on its own. No validation, no token check: the server side costs the same for every client.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private static readonly byte[] StreamMarker = "\"stream\":true"u8.ToArray();

    private readonly WebApplication _app;
    private readonly byte[] _reply = Corpus.QianfanReply();
    private readonly byte[] _firstEvent;
    private readonly byte[] _lastEvent;

    private LoopbackServer(WebApplication app)
    {
        _app = app;
        var pieces = Corpus.Pieces(2);
        _firstEvent = Corpus.QianfanEvent(0, isEnd: false, pieces[0], pieces[0].Length);
        _lastEvent = Corpus.QianfanEvent(1, isEnd: true, pieces[1], pieces[0].Length + pieces[1].Length);
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<LoopbackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (!HttpMethods.IsPost(request.Method) || !request.Path.StartsWithSegments(Corpus.ChatPath.TrimEnd('/'), StringComparison.Ordinal))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var stream = await ReadBodyAsync(request).ConfigureAwait(false);
        if (!stream)
        {
            response.ContentType = "application/json";
            response.ContentLength = _reply.Length;
            await response.BodyWriter.WriteAsync(_reply).ConfigureAwait(false);
            return;
        }

        response.ContentType = "text/event-stream";
        await response.StartAsync().ConfigureAwait(false);
        await response.BodyWriter.WriteAsync(_firstEvent).ConfigureAwait(false);
        await response.BodyWriter.WriteAsync(_lastEvent).ConfigureAwait(false);
    }

    /// <summary>Reads the whole request body and tells whether it asks for a stream.</summary>
    private static async Task<bool> ReadBodyAsync(HttpRequest request)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync().ConfigureAwait(false);
            var buffer = read.Buffer;
            if (read.IsCompleted)
            {
                var stream = Contains(buffer, StreamMarker);
                reader.AdvanceTo(buffer.End);
                return stream;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool Contains(ReadOnlySequence<byte> buffer, ReadOnlySpan<byte> value) =>
        buffer.IsSingleSegment ? buffer.FirstSpan.IndexOf(value) >= 0 : buffer.ToArray().AsSpan().IndexOf(value) >= 0;
}
