using System.Buffers;
using System.Net.ServerSentEvents;
using System.Text;

namespace Qianfan.Sdk.Core.Streaming;

/// <summary>
/// Cuts an event stream into its events, from a pooled buffer, in either <see cref="StreamFraming"/>. Lines end as
/// the server-sent events standard has it (<c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>), fields are read as it has
/// them (no colon: the whole line is the name; one space after the colon is not part of the value), comments,
/// <c>id:</c>, <c>retry:</c> and unknown fields are skipped, and a leading byte order mark is ignored.
/// </summary>
/// <remarks>
/// With <see cref="StreamFraming.ServerSentEvents"/> an event is its <c>data:</c> lines joined by <c>\n</c>, ended by a
/// blank line, and an event the body ends inside of is dropped, as the standard (and <see cref="SseParser"/>) has it.
/// With <see cref="StreamFraming.DataLines"/> every <c>data:</c> line is an event of its own, and a last line without its
/// newline still counts. The reader is synchronous over what it has buffered: the caller asks <see cref="TryRead"/>
/// for the next event and calls <see cref="FillAsync"/> only when none is buffered, so reading a buffered event costs
/// no async state machine (what an async iterator such as <see cref="SseParser"/>'s costs on every event).
/// </remarks>
internal sealed class EventReader(Stream content, StreamFraming framing) : IDisposable
{
    /// <summary>The longest line or event the reader holds; a longer one is a broken stream, not a reason to run out of memory.</summary>
    public const int MaxEventBytes = 16 * 1024 * 1024;

    private const int InitialBuffer = 16 * 1024;

    private readonly bool _eachDataLine = framing == StreamFraming.DataLines;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private int _start;
    private int _end;
    private int _searched;    // bytes after _start known to hold no line end, so a long line is not searched again per read
    private bool _ended;
    private bool _started;
    private bool _disposed;

    // The event being collected (standard framing): its data lines so far, and its type when an event: line set one.
    private byte[]? _data;
    private int _dataLength;
    private bool _dataAppended;
    private string? _eventType;
    private string? _lastType;

    /// <summary>Whether no event will come: the body has ended and everything buffered is read, or the reader is disposed.</summary>
    public bool IsAtEnd => _disposed || (_ended && _start == _end);

    /// <summary>
    /// The next event, when its bytes have arrived: its type (<c>message</c> unless an <c>event:</c> line named one)
    /// and its data, valid until the next call. False when more bytes are needed (<see cref="FillAsync"/>) or the
    /// stream is over (<see cref="IsAtEnd"/>).
    /// </summary>
    public bool TryRead(out string eventType, out ReadOnlySpan<byte> data)
    {
        eventType = SseParser.EventTypeDefault;
        data = default;
        if (_disposed || (!_started && !TrySkipByteOrderMark()))
        {
            return false;
        }

        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var lineEnd = pending[_searched..].IndexOfAny((byte)'\n', (byte)'\r');
            lineEnd = lineEnd < 0 ? -1 : lineEnd + _searched;

            // A \r at the end of what has arrived may be the first half of \r\n: wait for the next byte to know.
            if (lineEnd < 0 || (pending[lineEnd] == (byte)'\r' && lineEnd == pending.Length - 1 && !_ended))
            {
                if (!_ended)
                {
                    _searched = lineEnd < 0 ? pending.Length : lineEnd;
                    return false;
                }

                // The body ended inside a line: a last data line still counts where every data line is an event.
                _start = _end;
                _searched = 0;
                return _eachDataLine && !pending.IsEmpty && TryTakeLine(pending, [], out eventType, out data);
            }

            var line = pending[..lineEnd];
            var next = lineEnd + 1;
            if (pending[lineEnd] == (byte)'\r' && next < pending.Length && pending[next] == (byte)'\n')
            {
                next++;
            }

            _start += next;
            _searched = 0;
            if (TryTakeLine(line, pending[next..], out eventType, out data))
            {
                return true;
            }
        }
    }

    /// <summary>Reads more of the body into the buffer; at the body's end <see cref="IsAtEnd"/> becomes true once the buffer is read.</summary>
    public async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxEventBytes)
            {
                throw new OversizedEventException(MaxEventBytes);
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, MaxEventBytes));
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = await content.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _ended = true;
        }

        _end += read;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var buffer = _buffer;
        _buffer = [];
        _start = _end = _searched = 0;
        ArrayPool<byte>.Shared.Return(buffer);
        if (_data is { } data)
        {
            _data = null;
            ArrayPool<byte>.Shared.Return(data);
        }
    }

    /// <summary>
    /// Whether <paramref name="line"/> completes an event; other lines only change the event being collected.
    /// <paramref name="rest"/> is what follows the line in the buffer: a single data line followed by a blank line is
    /// handed out where it lies, without being copied.
    /// </summary>
    private bool TryTakeLine(ReadOnlySpan<byte> line, ReadOnlySpan<byte> rest, out string eventType, out ReadOnlySpan<byte> data)
    {
        eventType = SseParser.EventTypeDefault;
        data = default;
        if (line.IsEmpty)
        {
            return !_eachDataLine && TryDispatch(out eventType, out data);
        }

        if (line[0] == (byte)':')
        {
            return false;
        }

        var colon = line.IndexOf((byte)':');
        var name = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value[1..];
        }

        if (name.SequenceEqual("data"u8))
        {
            // An event of one data line whose blank line has arrived too is handed out where it lies.
            var blank = _eachDataLine || _dataAppended ? 0 : BlankLineLength(rest);
            if (!_eachDataLine && blank == 0)
            {
                AppendData(value);
                return false;
            }

            _start += blank;
            eventType = TakeEventType();
            data = value;
            return true;
        }

        if (name.SequenceEqual("event"u8))
        {
            _eventType = value.IsEmpty ? null : TypeName(value);
        }

        return false;
    }

    /// <summary>The length of the blank line at the start of <paramref name="rest"/>, 0 when there is none or it is not whole yet.</summary>
    private static int BlankLineLength(ReadOnlySpan<byte> rest) => rest switch
    {
        [(byte)'\n', ..] => 1,
        [(byte)'\r', (byte)'\n', ..] => 2,
        [(byte)'\r', _, ..] => 1,
        _ => 0,
    };

    private void AppendData(ReadOnlySpan<byte> value)
    {
        var needed = _dataLength + value.Length + (_dataAppended ? 1 : 0);
        if (needed > MaxEventBytes)
        {
            throw new OversizedEventException(MaxEventBytes);
        }

        if (_data is null || needed > _data.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 1024));
            if (_data is { } old)
            {
                old.AsSpan(0, _dataLength).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(old);
            }

            _data = larger;
        }

        if (_dataAppended)
        {
            _data[_dataLength++] = (byte)'\n';
        }

        value.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += value.Length;
        _dataAppended = true;
    }

    /// <summary>A blank line ends the event being collected: it is handed out if it has data, and forgotten either way.</summary>
    private bool TryDispatch(out string eventType, out ReadOnlySpan<byte> data)
    {
        eventType = TakeEventType();
        data = default;
        if (!_dataAppended)
        {
            return false;
        }

        data = _data.AsSpan(0, _dataLength);
        _dataLength = 0;
        _dataAppended = false;
        return true;
    }

    private string TakeEventType()
    {
        var type = _eventType ?? SseParser.EventTypeDefault;
        _eventType = null;
        return type;
    }

    /// <summary>An event line's type; a stream names the same few types again and again, so the last one is kept.</summary>
    private string TypeName(ReadOnlySpan<byte> value)
    {
        if (_lastType is { } last && last.Length == value.Length && Ascii.Equals(value, last))
        {
            return last;
        }

        return _lastType = Encoding.UTF8.GetString(value);
    }

    /// <summary>Drops a UTF-8 byte order mark at the very start; false while too few bytes have arrived to tell.</summary>
    private bool TrySkipByteOrderMark()
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        var pending = _buffer.AsSpan(_start, _end - _start);
        if (pending.Length < bom.Length && !_ended && bom.StartsWith(pending))
        {
            return false;
        }

        if (pending.StartsWith(bom))
        {
            _start += bom.Length;
        }

        _started = true;
        return true;
    }
}
