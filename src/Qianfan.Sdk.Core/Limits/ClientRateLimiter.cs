namespace Qianfan.Sdk.Core.Limits;

/// <summary>The QPS, RPM and TPM limits of one client, kept in the process and shared by all its calls.</summary>
internal sealed class ClientRateLimiter : IClientLimiter, IDisposable
{
    private readonly SlidingLog? _perSecond;
    private readonly SlidingLog? _perMinute;
    private readonly TokenBudget? _tokens;

    private ClientRateLimiter(RateLimitOptions options, TimeProvider time, Func<string, Exception> queueFull)
    {
        _perSecond = options.QueriesPerSecond > 0
            ? new SlidingLog(options.QueriesPerSecond, TimeSpan.FromSeconds(1), options.QueueLimit, "queries-per-second", time, queueFull)
            : null;
        _perMinute = options.RequestsPerMinute > 0
            ? new SlidingLog(options.RequestsPerMinute, TimeSpan.FromMinutes(1), options.QueueLimit, "requests-per-minute", time, queueFull)
            : null;
        _tokens = options.TokensPerMinute > 0 ? new TokenBudget(options.TokensPerMinute, options.QueueLimit, time, queueFull) : null;
    }

    /// <summary>A limiter for the options, or null when they set no limit.</summary>
    /// <param name="options">The limits.</param>
    /// <param name="time">The clock.</param>
    /// <param name="queueFull">The platform's exception for a call refused because too many callers already wait.</param>
    public static ClientRateLimiter? Create(RateLimitOptions options, TimeProvider time, Func<string, Exception> queueFull) =>
        options.Any ? new ClientRateLimiter(options, time, queueFull) : null;

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (_tokens is not null)
        {
            await _tokens.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_perMinute is not null)
        {
            await _perMinute.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_perSecond is not null)
        {
            await _perSecond.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void RecordTokens(int tokens) => _tokens?.Record(tokens);

    public void Dispose()
    {
        _perSecond?.Dispose();
        _perMinute?.Dispose();
    }
}
