using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Pipeline;
using Qianfan.Sdk.Core.Reading;

namespace Qianfan.Sdk.Core.Streaming;

/// <summary>
/// An open <c>text/event-stream</c> answer, cut into events by an <see cref="EventReader"/> in the API's framing and
/// deserialized straight from each event's UTF-8 bytes by the API's parser. It is opened inside a retry attempt up to
/// its first item, so only a stream that has yielded nothing can be repeated.
/// </summary>
/// <remarks>
/// Timeouts cancel the read itself, never by disposing the response: disposing makes SocketsHttpHandler drain the
/// body for its <c>ResponseDrainTimeout</c> first, which would make every timeout seconds late. Until the first item
/// the attempt's timeout bounds the read; after it, a read that waits longer than the idle timeout fails with a
/// <see cref="TimeoutException"/>. Time the caller spends between reads does not count as idle.
/// </remarks>
internal sealed class EventStream<T> : IAsyncDisposable
    where T : ServiceResult
{
    private readonly HttpResponseMessage _response;
    private readonly ApiProfile _profile;
    private readonly EventReader _reader;
    private readonly SseItemParser<StreamEvent<T>> _parser;
    private readonly Stream _content;
    private readonly CancellationTokenSource _reads;
    private readonly CancellationTokenRegistration _callerLink;
    private readonly CancellationToken _callerToken;
    private readonly TimeProvider _time;
    private readonly TimeSpan _idleTimeout;
    private ServiceResponse _details;
    private ITimer? _idleTimer;
    private long _waitingSince;
    private volatile bool _idleExpired;
    private int _received;

    private EventStream(HttpResponseMessage response, ApiProfile profile, SseItemParser<StreamEvent<T>> parser, Stream content, TimeProvider time, TimeSpan idleTimeout, CancellationToken callerToken)
    {
        _response = response;
        _profile = profile;
        _time = time;
        _idleTimeout = idleTimeout;
        _callerToken = callerToken;
        _content = content;
        _details = new ServiceResponse(response.StatusCode, response.Headers, GetHeader(response, profile.RequestIdHeader));
        _reads = new CancellationTokenSource();
        _callerLink = callerToken.CanBeCanceled
            ? callerToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _reads)
            : default;
        _reader = new EventReader(content, profile.StreamFraming);
        _parser = parser;
    }

    /// <summary>The first item, read while opening; null when the stream ended at once with its end marker.</summary>
    public T? First { get; private set; }

    /// <summary>Whether the stream has delivered its last item or its end marker: nothing more will be read.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>
    /// Opens the stream and reads its first item within the attempt's token; the rest of the stream is read with the
    /// caller's token and the idle timeout. A non-stream answer is read whole and handed to the profile's decoder.
    /// </summary>
    public static async ValueTask<EventStream<T>> OpenAsync(
        HttpResponseMessage response,
        ApiProfile profile,
        SseItemParser<StreamEvent<T>> parser,
        TimeProvider time,
        TimeSpan idleTimeout,
        CancellationToken attemptToken,
        CancellationToken callerToken)
    {
        if (!IsEventStream(response) || !response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await BodyReader.ReadAsync(response, (profile, response), static (body, s) => NotAStream(body, s.response, s.profile), attemptToken).ConfigureAwait(false);
            }
        }

        EventStream<T>? stream = null;
        try
        {
            var content = ContentDecoding.Decode(response.Content.Headers, await response.Content.ReadAsStreamAsync(attemptToken).ConfigureAwait(false));
            stream = new EventStream<T>(response, profile, parser, content, time, idleTimeout, callerToken);
            using (attemptToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), stream._reads))
            {
                stream.First = await stream.ReadNextCoreAsync(first: true).ConfigureAwait(false);
            }

            attemptToken.ThrowIfCancellationRequested();
            return stream;
        }
        catch (OperationCanceledException ex) when (attemptToken.IsCancellationRequested && !callerToken.IsCancellationRequested)
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
    /// The next item, or null at the stream's end marker; throws when the connection ends before it, when an event
    /// carries an error, or when the stream stays silent past the idle timeout. The reader usually has the next
    /// event buffered already, so that case completes without entering an async method.
    /// </summary>
    public ValueTask<T?> ReadNextAsync()
    {
        // An error event, or an event that does not parse, throws here rather than in the ValueTask.
        if (TryReadBuffered(out var value))
        {
            return new ValueTask<T?>(value);
        }

        return _reader.IsAtEnd
            ? ValueTask.FromException<T?>(_profile.StreamEnded(_received, _details))
            : ReadNextSlowAsync();
    }

    private async ValueTask<T?> ReadNextCoreAsync(bool first)
    {
        var value = await ReadNextAsync().ConfigureAwait(false);
        if (first && value is not null)
        {
            _details = new ServiceResponse(_details.StatusCode, _details.Headers, _details.RequestId ?? value.BodyId);
            value.Response = _details;
        }

        return value;
    }

    /// <summary>A read that waits for the network; pooled, since on a slow stream that is every read.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<T?> ReadNextSlowAsync()
    {
        while (true)
        {
            StartWaiting();
            try
            {
                await _reader.FillAsync(_reads.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTranslated(ex, out var translated))
            {
                throw translated;
            }
            finally
            {
                Volatile.Write(ref _waitingSince, 0);
            }

            if (TryReadBuffered(out var value))
            {
                return value;
            }

            if (_reader.IsAtEnd)
            {
                throw _profile.StreamEnded(_received, _details);
            }
        }
    }

    /// <summary>The next buffered event that ends a read (an item, or the end marker as null); false when none is buffered.</summary>
    private bool TryReadBuffered(out T? value)
    {
        while (true)
        {
            StreamEvent<T> item;
            try
            {
                if (!_reader.TryRead(out var type, out var data))
                {
                    value = null;
                    return false;
                }

                item = _parser(type, data);
            }
            catch (Exception ex) when (IsTranslated(ex, out var translated))
            {
                throw translated;
            }

            if (TryTake(item, out value))
            {
                return true;
            }
        }
    }

    /// <summary>Whether <paramref name="exception"/> becomes another, documented one; one that stays is rethrown as it is, its stack kept.</summary>
    private bool IsTranslated(Exception exception, out Exception translated)
    {
        translated = Translate(exception);
        return !ReferenceEquals(translated, exception);
    }

    /// <summary>Turns what the read threw into the documented exception types.</summary>
    private Exception Translate(Exception exception) => exception switch
    {
        OperationCanceledException when _idleExpired => new TimeoutException(
            $"The stream sent nothing for {_idleTimeout.TotalSeconds:0.###} s after {_received} chunk(s) (the stream idle timeout).", exception),
        OperationCanceledException when _callerToken.IsCancellationRequested => new OperationCanceledException(exception.Message, exception, _callerToken),
        JsonException => _profile.Malformed(_details, "the stream carried an event that is not valid JSON", exception),
        OversizedEventException => _profile.Malformed(_details, exception.Message, exception),
        _ when BodyReader.IsBrokenBody(exception, _content) => _profile.StreamEnded(_received, _details, exception),
        _ => exception,
    };

    /// <summary>
    /// Marks a read as waiting for the network. The idle timer is made on the first wait after the first item, and
    /// only checks, when it fires, whether a read has waited the whole idle time; so a chunk costs no timer change.
    /// </summary>
    private void StartWaiting()
    {
        if (_received == 0 || _idleTimeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        Volatile.Write(ref _waitingSince, _time.GetTimestamp());
        _idleTimer ??= _time.CreateTimer(static s => ((EventStream<T>)s!).CheckIdle(), this, _idleTimeout, Timeout.InfiniteTimeSpan);
    }

    private void CheckIdle()
    {
        try
        {
            var since = Volatile.Read(ref _waitingSince);
            var waited = since == 0 ? TimeSpan.Zero : _time.GetElapsedTime(since);
            if (waited >= _idleTimeout)
            {
                _idleExpired = true;
                _reads.Cancel();
                return;
            }

            _idleTimer?.Change(_idleTimeout - waited, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The stream was disposed while the timer fired: nothing is left to time out.
        }
    }

    /// <summary>
    /// Whether <paramref name="item"/> ends this read: an item (in <paramref name="value"/>) or the end marker (null).
    /// An empty event does not; an error event throws the profile's exception.
    /// </summary>
    private bool TryTake(in StreamEvent<T> item, out T? value)
    {
        if (item.ErrorBody is { } error)
        {
            throw _profile.DecodeError(error, _details) ?? _profile.Malformed(_details, "the stream carried an error event the SDK cannot read");
        }

        value = item.Item;
        if (value is not null)
        {
            if (_received++ > 0)
            {
                value.Response = _details;
            }

            IsComplete = item.IsLast;
            return true;
        }

        IsComplete = item.IsDone;
        return item.IsDone;
    }

    public async ValueTask DisposeAsync()
    {
        _idleTimer?.Dispose();
        _callerLink.Dispose();
        _reader.Dispose();
        try
        {
            // The decoder, when the body is compressed: the response's disposal reaches only the raw body.
            await _content.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _response.Dispose();
            _reads.Dispose();
        }
    }

    private static bool IsEventStream(HttpResponseMessage response) =>
        string.Equals(response.Content.Headers.ContentType?.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase);

    private static string? GetHeader(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;

    private static Exception NotAStream(ReadOnlySpan<byte> body, HttpResponseMessage response, ApiProfile profile)
    {
        var details = new ServiceResponse(response.StatusCode, response.Headers, GetHeader(response, profile.RequestIdHeader));
        return profile.DecodeError(body, details) ?? profile.Malformed(
            details,
            $"expected an event stream, but the service answered HTTP {(int)response.StatusCode} with {response.Content.Headers.ContentType?.MediaType ?? "no content type"}");
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
