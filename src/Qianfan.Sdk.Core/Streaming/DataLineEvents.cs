using System.Buffers;
using System.Net.ServerSentEvents;
using System.Text;

namespace Qianfan.Sdk.Core.Streaming;

/// <summary>
/// Reads an event stream in which every <c>data:</c> line is one event (see <see cref="StreamFraming.DataLines"/>):
/// <c>event:</c> sets the next event's type, comments (<c>:HTTP_STATUS/200</c>), <c>id:</c>, <c>retry:</c>, other fields
/// and blank lines are skipped. Lines end as the server-sent events standard has it (<c>\n</c>, <c>\r\n</c> or a lone
/// <c>\r</c>), fields are read as it has them (no colon: the whole line is the name; one space after the colon is not
/// part of the value), and a leading byte order mark is ignored. Lines are cut from a pooled buffer, so an event costs
/// what its parser allocates.
/// </summary>
internal sealed class DataLineEvents<T>(Stream content, SseItemParser<T> parser, CancellationToken cancellationToken) : IAsyncEnumerator<SseItem<T>>
{
    private const int InitialBuffer = 16 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private int _start;
    private int _end;
    private bool _ended;
    private bool _started;
    private bool _disposed;
    private string _eventType = SseParser.EventTypeDefault;

    public SseItem<T> Current { get; private set; }

    public async ValueTask<bool> MoveNextAsync()
    {
        while (!_disposed)
        {
            if (!_started && !await SkipByteOrderMarkAsync().ConfigureAwait(false))
            {
                continue;
            }

            var pending = _buffer.AsSpan(_start, _end - _start);
            var lineEnd = pending.IndexOfAny((byte)'\n', (byte)'\r');

            // A \r at the end of what has arrived may be the first half of \r\n: wait for the next byte to know.
            if (lineEnd < 0 || (pending[lineEnd] == (byte)'\r' && lineEnd == pending.Length - 1 && !_ended))
            {
                if (!_ended)
                {
                    await FillAsync().ConfigureAwait(false);
                    continue;
                }

                // A last line without its newline is still a line; after it the stream is over.
                var last = pending;
                _start = _end;
                return !last.IsEmpty && TryTake(last);
            }

            var line = pending[..lineEnd];
            var next = lineEnd + 1;
            if (pending[lineEnd] == (byte)'\r' && next < pending.Length && pending[next] == (byte)'\n')
            {
                next++;
            }

            _start += next;
            if (TryTake(line))
            {
                return true;
            }
        }

        return false;
    }

    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            var buffer = _buffer;
            _buffer = [];
            _start = _end = 0;
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Whether <paramref name="line"/> is a data line, now <see cref="Current"/>; other lines only set state.</summary>
    private bool TryTake(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty || line[0] == (byte)':')
        {
            return false;
        }

        var colon = line.IndexOf((byte)':');
        var name = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (value.StartsWith(" "u8))
        {
            value = value[1..];
        }

        if (name.SequenceEqual("data"u8))
        {
            Current = new SseItem<T>(parser(_eventType, value), _eventType);
            _eventType = SseParser.EventTypeDefault;
            return true;
        }

        if (name.SequenceEqual("event"u8))
        {
            _eventType = value.IsEmpty ? SseParser.EventTypeDefault : Encoding.UTF8.GetString(value);
        }

        return false;
    }

    /// <summary>Drops a UTF-8 byte order mark at the very start; false while too few bytes have arrived to tell.</summary>
    private async ValueTask<bool> SkipByteOrderMarkAsync()
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        var pending = _buffer.AsSpan(_start, _end - _start);
        if (pending.Length < bom.Length && !_ended && bom.StartsWith(pending))
        {
            await FillAsync().ConfigureAwait(false);
            return false;
        }

        if (pending.StartsWith(bom))
        {
            _start += bom.Length;
        }

        _started = true;
        return true;
    }

    private async ValueTask FillAsync()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(checked(_buffer.Length * 2));
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
}
