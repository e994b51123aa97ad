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
}
