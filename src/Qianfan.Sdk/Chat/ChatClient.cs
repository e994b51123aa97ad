using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Http;
using Qianfan.Sdk.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// V1 chat (<c>/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/{endpoint}</c>): one-shot replies and streamed replies.
/// Get it from <see cref="QianfanClient.Chat"/>. Methods are virtual so tests can substitute the client.
/// </summary>
public class ChatClient
{
    private readonly QianfanTransport? _transport;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected ChatClient()
    {
    }

    internal ChatClient(QianfanTransport transport) => _transport = transport;

    /// <summary>Sends the conversation and returns the whole reply.</summary>
    /// <exception cref="QianfanValidationException">The request breaks one of the service's rules; nothing was sent.</exception>
    /// <exception cref="QianfanException">The service reported an error (see <see cref="QianfanException.ErrorCode"/>).</exception>
    public virtual Task<ChatResponse> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var model = ChatRequestValidator.Validate(request, stream: false);
        var body = Serialize(request, stream: false);
        return Transport.SendChatAsync(model.Endpoint, body, stream: false, ReadResponseAsync, cancellationToken);
    }

    /// <summary>
    /// Sends the conversation with <c>stream: true</c> and yields each piece of the reply as it arrives. The request
    /// is validated at once and sent on first iteration. A stream that ends before its last piece throws
    /// <see cref="QianfanStreamEndedException"/> after the pieces already received.
    /// </summary>
    /// <exception cref="QianfanValidationException">The request breaks one of the service's rules; nothing was sent.</exception>
    public virtual IAsyncEnumerable<ChatChunk> StreamAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var model = ChatRequestValidator.Validate(request, stream: true);
        var body = Serialize(request, stream: true);
        return StreamCoreAsync(model.Endpoint, body, cancellationToken);
    }

    private QianfanTransport Transport => _transport ?? throw new InvalidOperationException("This ChatClient was made for mocking and cannot send.");

    private async IAsyncEnumerable<ChatChunk> StreamCoreAsync(string endpoint, byte[] body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var response = await Transport.SendChatAsync(endpoint, body, stream: true, OpenStreamAsync, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            var requestId = ResponseReader.GetRequestId(response);
            var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var events = SseParser.Create(content, static (_, data) => StreamEvent.Parse(data)).EnumerateAsync(cancellationToken);
            var received = 0;
            await using var enumerator = events.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                StreamEvent item;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    item = enumerator.Current.Data;
                }
                catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new QianfanStreamEndedException(received, requestId, ex);
                }
                catch (JsonException ex)
                {
                    throw new QianfanException(null, "the stream carried an event that is not valid JSON", requestId, response.StatusCode, ex);
                }

                if (item.Error is { } error)
                {
                    throw new QianfanException(error.ErrorCode, error.ErrorMessage ?? "(no message)", requestId, response.StatusCode);
                }

                if (item.Chunk is not { } chunk)
                {
                    continue;
                }

                received++;
                yield return chunk;
                if (chunk.IsEnd)
                {
                    yield break;
                }
            }

            throw new QianfanStreamEndedException(received, requestId);
        }
    }

    private static byte[] Serialize(ChatRequest request, bool stream) =>
        JsonSerializer.SerializeToUtf8Bytes(ChatRequestBody.From(request, stream), QianfanJsonContext.Default.ChatRequestBody);

    private static async ValueTask<ChatResponse> ReadResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            var reply = await ResponseReader.ReadJsonAsync(response, QianfanJsonContext.Default.ChatResponse, cancellationToken).ConfigureAwait(false);
            reply.RateLimit = RateLimitInfo.FromHeaders(response.Headers);
            reply.RequestId = ResponseReader.GetRequestId(response);
            return reply;
        }
    }

    /// <summary>Keeps an event stream open for reading; anything else is an error body and is thrown.</summary>
    private static async ValueTask<HttpResponseMessage> OpenStreamAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (ResponseReader.IsEventStream(response) && response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var requestId = ResponseReader.GetRequestId(response);
            ResponseReader.ThrowIfError(bytes, response, requestId);
            throw ResponseReader.NotAnEventStream(response, requestId);
        }
    }

    /// <summary>One parsed <c>data:</c> payload: a chunk, an error envelope, or nothing (an empty event).</summary>
    private readonly record struct StreamEvent(ChatChunk? Chunk, ErrorEnvelope? Error)
    {
        public static StreamEvent Parse(ReadOnlySpan<byte> data)
        {
            if (data.Trim(" \t\r\n"u8).IsEmpty)
            {
                return default;
            }

            return ResponseReader.TryReadError(data) is { } error
                ? new StreamEvent(null, error)
                : new StreamEvent(JsonSerializer.Deserialize(data, QianfanJsonContext.Default.ChatChunk), null);
        }
    }
}
