using System.Net;
using System.Net.Http.Headers;

namespace Qianfan.Sdk.Benchmarks.Support;

/// <summary>
/// Answers every request with the same bytes, read from memory: no socket, so a benchmark over it measures the
/// client's own decoding. The request body is read (as a socket would send it) and dropped.
/// </summary>
public sealed class InMemoryHandler(byte[] body, string mediaType) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content)
        {
            await content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        var answer = new ByteArrayContent(body);
        answer.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = answer, RequestMessage = request };
    }
}
