using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
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
        BodyCheck throwError,
        CancellationToken attemptToken,
        CancellationToken callerToken)
    {
        var requestId = ResponseReader.GetRequestId(response);
        if (!ResponseReader.IsEventStream(response) || !response.IsSuccessStatusCode)
        {
            using (response)
            {
                var bytes = await response.Content.ReadAsByteArrayAsync(attemptToken).ConfigureAwait(false);
                throwError(bytes, response);
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
    /// carries an error. The parser usually has the next event buffered already, so that case is handled without
    /// entering an async method; only a read that has to wait for the network does.
    /// </summary>
    public ValueTask<T?> ReadNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = _events.MoveNextAsync();
            if (!next.IsCompletedSuccessfully)
            {
                return ReadNextSlowAsync(next, cancellationToken);
            }

            if (!next.Result)
            {
                return ValueTask.FromException<T?>(new QianfanStreamEndedException(_received, _requestId));
            }

            if (TryTake(_events.Current.Data, out var value))
            {
                return new ValueTask<T?>(value);
            }
        }
    }

    /// <summary>A read that waits for the network; pooled, since on a slow stream that is every read.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<T?> ReadNextSlowAsync(ValueTask<bool> next, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                if (!await next.ConfigureAwait(false))
                {
                    throw new QianfanStreamEndedException(_received, _requestId);
                }
            }
            catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new QianfanStreamEndedException(_received, _requestId, ex);
            }
            catch (JsonException ex)
            {
                throw new QianfanException(null, "the stream carried an event that is not valid JSON", _requestId, _response.StatusCode, ex);
            }

            if (TryTake(_events.Current.Data, out var value))
            {
                return value;
            }

            next = _events.MoveNextAsync();
        }
    }

    /// <summary>
    /// Whether <paramref name="item"/> ends this read: an item (in <paramref name="value"/>) or the end marker (null).
    /// An empty event does not; an error event throws.
    /// </summary>
    private bool TryTake(in StreamEvent<T> item, out T? value)
    {
        if (item.Error is { } error)
        {
            throw new QianfanException(error.Code, error.Message, _requestId, _response.StatusCode) { ErrorName = error.Name };
        }

        value = item.Item;
        if (value is not null)
        {
            _received++;
            return true;
        }

        return item.IsDone;
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
