using System.Buffers;
using System.Net.ServerSentEvents;
using System.Text;

namespace Qianfan.Sdk.Core.Streaming;

/// <summary>
/// Reads an event stream in which every <c>data:</c> line is one event (see <see cref="StreamFraming.DataLines"/>):
/// <c>event:</c> sets the next event's type, comments (<c>:HTTP_STATUS/200</c>), <c>id:</c>, <c>retry:</c> and blank
/// lines are skipped. Lines are cut from a pooled buffer, so an event costs what its parser allocates.
/// </summary>
internal sealed class DataLineEvents<T>(Stream content, SseItemParser<T> parser, CancellationToken cancellationToken) : IAsyncEnumerator<SseItem<T>>
{
    private const int InitialBuffer = 16 * 1024;
    private static readonly byte[] DataField = "data:"u8.ToArray();
    private static readonly byte[] EventField = "event:"u8.ToArray();

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private int _start;
    private int _end;
    private bool _ended;
    private string _eventType = SseParser.EventTypeDefault;

    public SseItem<T> Current { get; private set; }

    public async ValueTask<bool> MoveNextAsync()
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (_ended)
                {
                    // A last line without its newline is still a line.
                    if (_end > _start && TryTake(_buffer.AsSpan(_start, _end - _start)))
                    {
                        _start = _end;
                        return true;
                    }

                    return false;
                }

                await FillAsync().ConfigureAwait(false);
                continue;
            }

            var line = _buffer.AsSpan(_start, newline);
            _start += newline + 1;
            if (TryTake(line))
            {
                return true;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Whether <paramref name="line"/> is a data line, now <see cref="Current"/>; other lines only set state.</summary>
    private bool TryTake(ReadOnlySpan<byte> line)
    {
        if (line.EndsWith("\r"u8))
        {
            line = line[..^1];
        }

        if (line.StartsWith(DataField))
        {
            var data = line[DataField.Length..];
            if (data.StartsWith(" "u8))
            {
                data = data[1..];
            }

            Current = new SseItem<T>(parser(_eventType, data), _eventType);
            _eventType = SseParser.EventTypeDefault;
            return true;
        }

        if (line.StartsWith(EventField))
        {
            _eventType = Encoding.UTF8.GetString(line[EventField.Length..].Trim(" "u8));
        }

        return false;
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
