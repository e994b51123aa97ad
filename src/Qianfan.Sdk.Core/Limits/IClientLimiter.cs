namespace Qianfan.Sdk.Core.Limits;

/// <summary>
/// The client-side limits a pipeline takes before every request it sends. The default keeps them in the process; a
/// shared store (Redis) can keep one budget for a whole fleet of instances.
/// </summary>
internal interface IClientLimiter
{
    /// <summary>Waits until one more request fits every limit; throws the platform's exception when too many wait.</summary>
    ValueTask WaitAsync(CancellationToken cancellationToken);

    /// <summary>Counts the tokens a call used, as the service reported them, against the tokens-per-minute limit.</summary>
    void RecordTokens(int tokens);

    /// <summary>
    /// Learns from the quota an answer reported: a limit of the account's smaller than the configured one lowers it
    /// (for a minute after the last report that said so), and so does what the account has left; never raises a
    /// configured limit, nor sets one that was not configured.
    /// </summary>
    void Observe(in QuotaReport quota);

    /// <summary>Holds every new request for <paramref name="wait"/>: the service answered that a rate limit was reached.</summary>
    void Pause(TimeSpan wait);
}
