using System.Net.ServerSentEvents;
using System.Text.Json;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Http;

/// <summary>
/// An open <c>text/event-stream</c> answer, read one <c>data:</c> event at a time with <see cref="SseParser"/> and
/// deserialized straight from the event's UTF-8 bytes by the API's parser. It is opened inside a retry attempt up to
/// its first item, so only a stream that has yielded nothing can be repeated.
/// </summary>
internal sealed class EventStream<T> : IAsyncDisposable
    where T : class
{
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<StreamEvent<T>>> _events;
    private readonly string? _requestId;
    private int _received;

    private EventStream(HttpResponseMessage response, IAsyncEnumerator<SseItem<StreamEvent<T>>> events, string? requestId)
    {
        _response = response;
        _events = events;
        _requestId = requestId;
    }

    /// <summary>The first item, read while opening; null when the stream ended at once with its end marker.</summary>
    public T? First { get; private set; }

    /// <summary>
    /// Opens the stream and reads its first item. The attempt's token bounds only this opening; the rest of the
    /// stream is read with the caller's token. A non-stream answer is handed to <paramref name="throwError"/>.
    /// </summary>
    public static async ValueTask<EventStream<T>> OpenAsync(
        HttpResponseMessage response,
        SseItemParser<StreamEvent<T>> parser,
        Action<byte[], HttpResponseMessage, string?> throwError,
        CancellationToken attemptToken,
        CancellationToken callerToken)
    {
        var requestId = ResponseReader.GetRequestId(response);
        if (!ResponseReader.IsEventStream(response) || !response.IsSuccessStatusCode)
        {
            using (response)
            {
                var bytes = await response.Content.ReadAsByteArrayAsync(attemptToken).ConfigureAwait(false);
                throwError(bytes, response, requestId);
                throw ResponseReader.NotAnEventStream(response, requestId);
            }
        }

        EventStream<T>? stream = null;
        try
        {
            var content = await response.Content.ReadAsStreamAsync(attemptToken).ConfigureAwait(false);
            var events = SseParser.Create(content, parser).EnumerateAsync(callerToken).GetAsyncEnumerator(callerToken);
            stream = new EventStream<T>(response, events, requestId);

            // Until the first item, a timeout (or cancellation) of the attempt aborts the read by closing the response.
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

    /// <summary>
    /// The next item, or null at the stream's end marker; throws when the connection ends before it or an event
    /// carries an error.
    /// </summary>
    public async ValueTask<T?> ReadNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            StreamEvent<T> item;
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
                throw new QianfanException(error.Code, error.Message, _requestId, _response.StatusCode) { ErrorName = error.Name };
            }

            if (item.IsDone)
            {
                return null;
            }

            if (item.Item is { } value)
            {
                _received++;
                return value;
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

    private static async ValueTask DisposeAsync(EventStream<T>? stream, HttpResponseMessage response)
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
}
