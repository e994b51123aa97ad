using System.Net.ServerSentEvents;
using System.Text.Json;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Http;
using Qianfan.Sdk.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// An open <c>text/event-stream</c> answer, read one <c>data:</c> event at a time with <see cref="SseParser"/> and
/// deserialized straight from the event's UTF-8 bytes. It is opened inside a retry attempt up to its first chunk,
/// so only a stream that has yielded nothing can be repeated.
/// </summary>
internal sealed class ChatStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<StreamEvent>> _events;
    private readonly string? _requestId;
    private int _received;

    private ChatStream(HttpResponseMessage response, IAsyncEnumerator<SseItem<StreamEvent>> events, string? requestId)
    {
        _response = response;
        _events = events;
        _requestId = requestId;
    }

    /// <summary>The first chunk, read while opening.</summary>
    public ChatChunk First { get; private set; } = null!;

    /// <summary>
    /// Opens the stream and reads its first chunk. The attempt's token bounds only this opening; the rest of the
    /// stream is read with the caller's token.
    /// </summary>
    public static async ValueTask<ChatStream> OpenAsync(HttpResponseMessage response, CancellationToken attemptToken, CancellationToken callerToken)
    {
        var requestId = ResponseReader.GetRequestId(response);
        if (!ResponseReader.IsEventStream(response) || !response.IsSuccessStatusCode)
        {
            using (response)
            {
                var bytes = await response.Content.ReadAsByteArrayAsync(attemptToken).ConfigureAwait(false);
                ResponseReader.ThrowIfError(bytes, response, requestId);
                throw ResponseReader.NotAnEventStream(response, requestId);
            }
        }

        ChatStream? stream = null;
        try
        {
            var content = await response.Content.ReadAsStreamAsync(attemptToken).ConfigureAwait(false);
            var events = SseParser.Create(content, static (_, data) => StreamEvent.Parse(data)).EnumerateAsync(callerToken).GetAsyncEnumerator(callerToken);
            stream = new ChatStream(response, events, requestId);

            // Until the first chunk, a timeout (or cancellation) of the attempt aborts the read by closing the response.
            using (attemptToken.Register(static r => ((HttpResponseMessage)r!).Dispose(), response))
            {
                stream.First = await stream.ReadNextAsync(callerToken).ConfigureAwait(false);
            }

            attemptToken.ThrowIfCancellationRequested();
            return stream;
        }
        catch (Exception ex) when (attemptToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            await DisposeAsync(stream, response).ConfigureAwait(false);
            throw new OperationCanceledException("The stream's first chunk did not arrive in time.", ex, attemptToken);
        }
        catch
        {
            await DisposeAsync(stream, response).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The next chunk; throws when the stream ends before <c>is_end</c> or carries an error.</summary>
    public async ValueTask<ChatChunk> ReadNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            StreamEvent item;
            try
            {
                if (!await _events.MoveNextAsync().ConfigureAwait(false))
                {
                    throw new QianfanStreamEndedException(_received, _requestId);
                }

                item = _events.Current.Data;
            }
            catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new QianfanStreamEndedException(_received, _requestId, ex);
            }
            catch (JsonException ex)
            {
                throw new QianfanException(null, "the stream carried an event that is not valid JSON", _requestId, _response.StatusCode, ex);
            }

            if (item.Error is { } error)
            {
                throw new QianfanException(error.ErrorCode, error.ErrorMessage ?? "(no message)", _requestId, _response.StatusCode);
            }

            if (item.Chunk is { } chunk)
            {
                _received++;
                return chunk;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _events.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _response.Dispose();
        }
    }

    private static async ValueTask DisposeAsync(ChatStream? stream, HttpResponseMessage response)
    {
        if (stream is not null)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            response.Dispose();
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
