namespace Qianfan.Sdk;

/// <summary>
/// How calls that failed for a passing reason are repeated: the service's "try again" codes (overload, QPS/RPM/TPM
/// limits), HTTP 408/429/5xx, dropped connections and attempts past <see cref="QianfanOptions.Timeout"/>. Validation,
/// authentication and other errors are never repeated. The defaults are those of Baidu's official SDKs.
/// </summary>
public sealed class QianfanRetryOptions
{
    /// <summary>How many times a failed call is repeated (<c>QIANFAN_LLM_API_RETRY_COUNT</c>); 0 disables retries. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// The first wait, doubled on each retry with jitter (<c>QIANFAN_LLM_API_RETRY_BACKOFF_FACTOR</c>, seconds).
    /// Default 1 second. A <c>Retry-After</c> from the service is used instead when given.
    /// </summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts (<c>QIANFAN_LLM_API_RETRY_MAX_WAIT_INTERVAL</c>, seconds). Default 120 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// How long a call may take in all, attempts and waits together (<c>QIANFAN_LLM_API_RETRY_TIMEOUT</c>, seconds).
    /// Default 300 seconds. For a stream it covers the time until the first chunk.
    /// </summary>
    public TimeSpan OverallTimeout { get; set; } = TimeSpan.FromSeconds(300);
}
