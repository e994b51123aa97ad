namespace Qianfan.Sdk.Zhipu.Errors;

/// <summary>
/// The client-side rate limit's queue was full (<see cref="Core.RateLimitOptions.QueueLimit"/>), so the call was not
/// sent: too many callers are waiting for the configured QPS/RPM/TPM budget.
/// </summary>
public sealed class ZhipuRateLimitExceededException : ZhipuException
{
    /// <summary>Creates an exception with the default message.</summary>
    public ZhipuRateLimitExceededException()
        : this("The client-side rate limit's queue is full; the call was not sent.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public ZhipuRateLimitExceededException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public ZhipuRateLimitExceededException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override bool IsRetryable => false;
}
