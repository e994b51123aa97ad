namespace Qianfan.Sdk.Http;

/// <summary>
/// The client-side QPS, RPM and TPM limits of one <see cref="QianfanClient"/>, taken before every request it sends.
/// </summary>
internal sealed class ClientRateLimiter : IDisposable
{
    private readonly SlidingLog? _perSecond;
    private readonly SlidingLog? _perMinute;
    private readonly TokenBudget? _tokens;

    private ClientRateLimiter(QianfanRateLimitOptions options, TimeProvider time)
    {
        _perSecond = options.QueriesPerSecond > 0
            ? new SlidingLog(options.QueriesPerSecond, TimeSpan.FromSeconds(1), options.QueueLimit, "queries-per-second", time)
            : null;
        _perMinute = options.RequestsPerMinute > 0
            ? new SlidingLog(options.RequestsPerMinute, TimeSpan.FromMinutes(1), options.QueueLimit, "requests-per-minute", time)
            : null;
        _tokens = options.TokensPerMinute > 0 ? new TokenBudget(options.TokensPerMinute, options.QueueLimit, time) : null;
    }

    /// <summary>A limiter for the options, or null when they set no limit.</summary>
    public static ClientRateLimiter? Create(QianfanRateLimitOptions options, TimeProvider time) =>
        options.QueriesPerSecond > 0 || options.RequestsPerMinute > 0 || options.TokensPerMinute > 0
            ? new ClientRateLimiter(options, time)
            : null;

    /// <summary>Waits until one more request fits every limit.</summary>
    /// <exception cref="Errors.QianfanRateLimitExceededException">Too many callers are already waiting.</exception>
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

    /// <summary>Counts the tokens a call used against the TPM limit.</summary>
    public void RecordTokens(int tokens) => _tokens?.Record(tokens);

    public void Dispose()
    {
        _perSecond?.Dispose();
        _perMinute?.Dispose();
    }
}
