using System.Collections.Concurrent;

namespace Qianfan.Sdk.IntegrationTests.Zhipu;

/// <summary>
/// Records the <c>Authorization</c> header of every request a client sends, on the client's side: the emulator's own
/// recording masks credentials, as a log should.
/// </summary>
internal sealed class AuthorizationRecorder : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _sent = new();

    public AuthorizationRecorder()
        : base(new SocketsHttpHandler())
    {
    }

    public AuthorizationRecorder(HttpMessageHandler inner)
        : base(inner)
    {
    }

    /// <summary>Each request's <c>Authorization</c> header, in order ("" for none).</summary>
    public IReadOnlyList<string> Sent => [.. _sent];

    /// <summary>The bearer credentials sent, in order.</summary>
    public IReadOnlyList<string> Bearers => [.. _sent.Select(s => s.StartsWith("Bearer ", StringComparison.Ordinal) ? s["Bearer ".Length..] : s)];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _sent.Enqueue(request.Headers.Authorization?.ToString() ?? "");
        return base.SendAsync(request, cancellationToken);
    }
}
