namespace Qianfan.Sdk.Core;

/// <summary>
/// How calls that failed for a passing reason are repeated: the service's "try again" answers (overload, rate limits),
/// HTTP 408/429/5xx, dropped connections and attempts past the attempt timeout. Validation, authentication and other
/// errors are never repeated, and a stream is never repeated once a chunk has reached the caller.
/// </summary>
public sealed class RetryOptions
{
    /// <summary>How many times a failed call is repeated; 0 disables retries. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first wait, doubled on each retry with jitter. Default 1 second. A <c>Retry-After</c> from the service is used instead when given.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts. Default 120 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How long a call may take in all, attempts and waits together; for a stream, until its first chunk. Default 300 seconds.</summary>
    public TimeSpan OverallTimeout { get; set; } = TimeSpan.FromSeconds(300);
}
