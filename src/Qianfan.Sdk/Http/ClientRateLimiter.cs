using System.Threading.RateLimiting;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Http;

/// <summary>
/// The client-side QPS, RPM and TPM limits of one <see cref="QianfanClient"/>, taken before every request it sends.
/// </summary>
internal sealed class ClientRateLimiter : IDisposable
{
    // SlidingWindowRateLimiter hands a permit back when its segment leaves the window, up to one segment earlier
    // than a full period after it was taken; a window one segment longer keeps any period within the limit.
    private const int Segments = 10;

    private readonly RateLimiter? _perSecond;
    private readonly RateLimiter? _perMinute;
    private readonly TokenBudget? _tokens;

    private ClientRateLimiter(QianfanRateLimitOptions options, TimeProvider time)
    {
        _perSecond = Sliding(options.QueriesPerSecond, TimeSpan.FromSeconds(1), options.QueueLimit);
        _perMinute = Sliding(options.RequestsPerMinute, TimeSpan.FromMinutes(1), options.QueueLimit);
        _tokens = options.TokensPerMinute > 0 ? new TokenBudget(options.TokensPerMinute, options.QueueLimit, time) : null;
    }

    /// <summary>A limiter for the options, or null when they set no limit.</summary>
    public static ClientRateLimiter? Create(QianfanRateLimitOptions options, TimeProvider time) =>
        options.QueriesPerSecond > 0 || options.RequestsPerMinute > 0 || options.TokensPerMinute > 0
            ? new ClientRateLimiter(options, time)
            : null;

    /// <summary>Waits until one more request fits every limit.</summary>
    /// <exception cref="QianfanRateLimitExceededException">Too many callers are already waiting.</exception>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (_perSecond is not null)
        {
            await AcquireAsync(_perSecond, "queries-per-second", cancellationToken).ConfigureAwait(false);
        }

        if (_perMinute is not null)
        {
            await AcquireAsync(_perMinute, "requests-per-minute", cancellationToken).ConfigureAwait(false);
        }

        if (_tokens is not null)
        {
            await _tokens.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Counts the tokens a call used against the TPM limit.</summary>
    public void RecordTokens(int tokens) => _tokens?.Record(tokens);

    public void Dispose()
    {
        _perSecond?.Dispose();
        _perMinute?.Dispose();
    }

    private static async ValueTask AcquireAsync(RateLimiter limiter, string name, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new QianfanRateLimitExceededException($"The {name} limit's queue is full; the call was not sent.");
        }
    }

    private static SlidingWindowRateLimiter? Sliding(int limit, TimeSpan period, int queueLimit) =>
        limit <= 0
            ? null
            : new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = limit,
                Window = period + (period / Segments),
                SegmentsPerWindow = Segments + 1,
                QueueLimit = queueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
}
