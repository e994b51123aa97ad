namespace Qianfan.Sdk.Core.Pipeline;

/// <summary>The timeouts and retries of one client, copied from its options when the client is made.</summary>
internal sealed class PipelineSettings(TimeSpan attemptTimeout, TimeSpan streamIdleTimeout, RetryOptions retry)
{
    /// <summary>How long one attempt may take: credentials, then the whole reply of a sync call or a stream's first chunk.</summary>
    public TimeSpan AttemptTimeout { get; } = attemptTimeout;

    /// <summary>How long a stream may stay silent while the caller waits for its next chunk.</summary>
    public TimeSpan StreamIdleTimeout { get; } = streamIdleTimeout;

    public int MaxRetries { get; } = retry.MaxRetries;

    public TimeSpan BaseDelay { get; } = retry.BaseDelay;

    public TimeSpan MaxDelay { get; } = retry.MaxDelay;

    /// <summary>Attempts and waits together; for a stream, until its first chunk.</summary>
    public TimeSpan OverallTimeout { get; } = retry.OverallTimeout;
}
