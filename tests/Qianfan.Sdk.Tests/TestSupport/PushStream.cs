using System.Text;
using System.Threading.Channels;

namespace Qianfan.Sdk.Tests.TestSupport;

/// <summary>
/// A response body the test writes while the SDK reads it: a read waits (honouring cancellation) until the test
/// pushes bytes, completes the body, or breaks the connection; disposing it fails a waiting read, as closing a
/// socket-backed body does. Records whether it was disposed.
/// </summary>
internal sealed class PushStream : ReadOnlyBody
{
    private readonly Channel<byte[]> _pieces = Channel.CreateUnbounded<byte[]>();
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _readWaiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _current = [];
    private int _offset;

    public bool IsDisposed => _disposed.Task.IsCompleted;

    /// <summary>Completes when the stream is disposed.</summary>
    public Task Disposed => _disposed.Task;

    /// <summary>Completes the first time a read has to wait for data.</summary>
    public Task ReadWaiting => _readWaiting.Task;

    public void Push(string text) => Push(Encoding.UTF8.GetBytes(text));

    public void Push(byte[] bytes) => _pieces.Writer.TryWrite(bytes);

    /// <summary>Ends the body normally (the server closed the connection).</summary>
    public void Complete() => _pieces.Writer.TryComplete();

    /// <summary>Breaks the connection: the next read that finds no data throws <paramref name="error"/>.</summary>
    public void Fail(Exception error) => _pieces.Writer.TryComplete(error);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("the SDK must read asynchronously");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        while (_offset == _current.Length)
        {
            if (!_pieces.Reader.TryRead(out var next))
            {
                _readWaiting.TrySetResult();
                try
                {
                    if (!await _pieces.Reader.WaitToReadAsync(cancellationToken))
                    {
                        return 0;
                    }
                }
                catch (ChannelClosedException ex) when (ex.InnerException is not null)
                {
                    throw ex.InnerException;
                }

                continue;
            }

            _current = next;
            _offset = 0;
        }

        var size = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsMemory(_offset, size).CopyTo(buffer);
        _offset += size;
        return size;
    }

    protected override void Dispose(bool disposing)
    {
        // Like a socket-backed response body: closing it fails a read that is waiting for data.
        _pieces.Writer.TryComplete(new IOException("The response body was closed while a read was waiting."));
        _disposed.TrySetResult();
        base.Dispose(disposing);
    }
}
