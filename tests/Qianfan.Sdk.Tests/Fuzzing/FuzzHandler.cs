using System.Net;
using System.Net.Http.Headers;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Fuzzing;

/// <summary>
/// The service as the fuzz tests need it: every request is answered with the body set for the current case, as JSON or
/// as an event stream, handed out in the case's read sizes. One case at a time; no recording, no logging, so thousands
/// of cases take seconds.
/// </summary>
internal sealed class FuzzHandler : HttpMessageHandler
{
    private byte[] _body = [];
    private int[] _reads = [int.MaxValue];
    private string _mediaType = "application/json";

    public void Answer(byte[] body, bool stream, int[] reads)
    {
        _body = body;
        _reads = reads;
        _mediaType = stream ? "text/event-stream" : "application/json";
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new StreamContent(new PieceStream(_body, _reads));
        content.Headers.ContentType = new MediaTypeHeaderValue(_mediaType) { CharSet = "utf-8" };
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
