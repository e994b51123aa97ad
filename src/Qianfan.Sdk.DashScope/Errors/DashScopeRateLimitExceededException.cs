namespace Qianfan.Sdk.DashScope.Errors;

/// <summary>
/// The client-side rate limit's queue was full (<see cref="Core.RateLimitOptions.QueueLimit"/>), so the call was not
/// sent: too many callers are waiting for the configured QPS/RPM/TPM budget.
/// </summary>
public sealed class DashScopeRateLimitExceededException : DashScopeException
{
    /// <summary>Creates an exception with the default message.</summary>
    public DashScopeRateLimitExceededException()
        : this("The client-side rate limit's queue is full; the call was not sent.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public DashScopeRateLimitExceededException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public DashScopeRateLimitExceededException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override bool IsRetryable => false;
}
