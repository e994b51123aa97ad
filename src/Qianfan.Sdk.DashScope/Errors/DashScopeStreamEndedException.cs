namespace Qianfan.Sdk.DashScope.Errors;

/// <summary>
/// A streamed reply ended before its last event (the one whose <c>finish_reason</c> is not <c>"null"</c>): the
/// connection was cut, so the text received so far is not the whole answer. DashScope sends no end marker; the
/// finishing event is the only sign that a stream is complete.
/// </summary>
public sealed class DashScopeStreamEndedException : DashScopeException
{
    /// <summary>Creates an exception with no details.</summary>
    public DashScopeStreamEndedException()
        : this("The stream ended before its last event.")
    {
    }

    /// <summary>Creates an exception with no details.</summary>
    public DashScopeStreamEndedException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with no details.</summary>
    public DashScopeStreamEndedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception saying how many events arrived before the stream ended.</summary>
    public DashScopeStreamEndedException(int chunksReceived, string? requestId, Exception? innerException = null)
        : base(null, $"the stream ended before its last event (one with a finish_reason) after {chunksReceived} event(s)", requestId, null, innerException)
    {
        ChunksReceived = chunksReceived;
    }

    /// <summary>How many events had reached the caller before the stream ended.</summary>
    public int ChunksReceived { get; }

    /// <summary>Only a stream that was cut before its first event may be repeated: nothing reached the caller yet.</summary>
    public override bool IsRetryable => ChunksReceived == 0;
}
