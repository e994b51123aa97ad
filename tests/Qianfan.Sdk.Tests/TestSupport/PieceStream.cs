using System.Text;

namespace Qianfan.Sdk.Tests.TestSupport;

/// <summary>
/// A read-only stream over fixed bytes that hands them out 1, 2, 3, 1, 2, 3 … bytes per read, so events and
/// multi-byte characters arrive split across reads as on a slow connection.
/// </summary>
internal sealed class PieceStream : ReadOnlyBody
{
    private readonly byte[] _data;
    private readonly int[] _pieceSizes;
    private int _position;
    private int _reads;

    public PieceStream(string text, params int[] pieceSizes)
        : this(Encoding.UTF8.GetBytes(text), pieceSizes)
    {
    }

    public PieceStream(byte[] data, params int[] pieceSizes)
    {
        _data = data;
        _pieceSizes = pieceSizes.Length == 0 ? [1, 2, 3] : pieceSizes;
    }

    public int Reads => _reads;

    public bool IsDisposed { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var size = Math.Min(Math.Min(_pieceSizes[_reads % _pieceSizes.Length], buffer.Length), _data.Length - _position);
        _reads++;
        _data.AsSpan(_position, size).CopyTo(buffer);
        _position += size;
        return size;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Task.Yield();
        return Read(buffer.Span);
    }

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
