namespace Qianfan.Sdk.Zhipu.Errors;

/// <summary>
/// A streamed reply ended before its <c>data: [DONE]</c>: the connection was cut, so the text received so far is not
/// the whole answer.
/// </summary>
public sealed class ZhipuStreamEndedException : ZhipuException
{
    /// <summary>Creates an exception with no details.</summary>
    public ZhipuStreamEndedException()
        : this("The stream ended before data: [DONE].")
    {
    }

    /// <summary>Creates an exception with no details.</summary>
    public ZhipuStreamEndedException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with no details.</summary>
    public ZhipuStreamEndedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception saying how many chunks arrived before the stream ended.</summary>
    public ZhipuStreamEndedException(int chunksReceived, string? requestId, Exception? innerException = null)
        : base(null, $"the stream ended before data: [DONE] after {chunksReceived} chunk(s)", requestId, null, innerException)
    {
        ChunksReceived = chunksReceived;
    }

    /// <summary>How many chunks had reached the caller before the stream ended.</summary>
    public int ChunksReceived { get; }

    /// <summary>Only a stream that was cut before its first chunk may be repeated: nothing reached the caller yet.</summary>
    public override bool IsRetryable => ChunksReceived == 0;
}
