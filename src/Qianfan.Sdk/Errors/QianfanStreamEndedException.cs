namespace Qianfan.Sdk.Errors;

/// <summary>
/// A streamed reply ended before its end marker (V1 <c>is_end: true</c>, V2 <c>[DONE]</c>): the connection was cut, so the text received
/// so far is not the whole answer.
/// </summary>
public sealed class QianfanStreamEndedException : QianfanException
{
    /// <summary>Creates an exception with no details.</summary>
    public QianfanStreamEndedException()
        : this("The stream ended before its last chunk.")
    {
    }

    /// <summary>Creates an exception with no details.</summary>
    public QianfanStreamEndedException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with no details.</summary>
    public QianfanStreamEndedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception saying how many chunks arrived before the stream ended.</summary>
    public QianfanStreamEndedException(int chunksReceived, string? requestId, Exception? innerException = null)
        : base(null, $"the stream ended before its last chunk (is_end or [DONE]) after {chunksReceived} chunk(s)", requestId, null, innerException)
    {
        ChunksReceived = chunksReceived;
    }

    /// <summary>How many chunks had reached the caller before the stream ended.</summary>
    public int ChunksReceived { get; }

    /// <summary>Only a stream that was cut before its first chunk may be repeated: nothing reached the caller yet.</summary>
    public override bool IsRetryable => ChunksReceived == 0;
}
