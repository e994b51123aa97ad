using System.Text;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>
/// The text of a stream up to one event: a length into a buffer that only grows, turned into a string when asked for,
/// so a long stream does not copy its whole text at every event. The buffer is locked for both, so a chunk read on
/// another thread while the stream goes on still sees its own text.
/// </summary>
internal readonly struct TextSoFar(GrowingText source, int length)
{
    public string Value => source is null || length == 0 ? "" : source.Read(length);
}

/// <summary>An append-only buffer of a stream's text.</summary>
internal sealed class GrowingText
{
    private readonly StringBuilder _builder = new();
    private readonly Lock _gate = new();
    private string? _last;
    private int _lastLength;

    public int Length
    {
        get
        {
            lock (_gate)
            {
                return _builder.Length;
            }
        }
    }

    public TextSoFar Append(string piece)
    {
        lock (_gate)
        {
            _builder.Append(piece);
            return new TextSoFar(this, _builder.Length);
        }
    }

    public string Read(int length)
    {
        lock (_gate)
        {
            if (_last is null || _lastLength != length)
            {
                _last = _builder.ToString(0, length);
                _lastLength = length;
            }

            return _last;
        }
    }

    public override string ToString() => Read(Length);
}
