using Microsoft.Extensions.Logging;

namespace Qianfan.Sdk.Core.Authorization;

/// <summary>
/// Caches a token until a margin before it expires and lets exactly one caller renew it while the others wait
/// for the same exchange. The cached path allocates nothing. Given a shared store and the credential's key, it takes
/// its tokens from the store (one token for every instance of the application) instead of exchanging by itself.
/// </summary>
internal sealed partial class SingleFlightTokenCache(
    Func<Task<IssuedToken>> exchange,
    TimeSpan refreshMargin,
    TimeProvider time,
    ILogger logger,
    ISharedTokenStore? store = null,
    string? credential = null)
{
    private readonly Lock _gate = new();
    private CachedToken? _cached;
    private Task<CachedToken>? _inflight;
    private string? _rejected;

    public ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        var cached = Volatile.Read(ref _cached);
        return cached is not null && time.GetUtcNow() < cached.RefreshAt
            ? new ValueTask<string>(cached.Value)
            : new ValueTask<string>(GetFreshAsync(cancellationToken));
    }

    /// <summary>Forgets <paramref name="token"/> if it is still the cached one (a newer token is kept).</summary>
    public void Invalidate(string token)
    {
        lock (_gate)
        {
            if (_cached?.Value == token)
            {
                _cached = null;
                _rejected = token;
                LogInvalidated(logger);
            }
        }
    }

    private async Task<string> GetFreshAsync(CancellationToken cancellationToken)
    {
        Task<CachedToken> pending;
        lock (_gate)
        {
            if (_cached is { } cached && time.GetUtcNow() < cached.RefreshAt)
            {
                return cached.Value;
            }

            // The exchange is shared, so one caller's cancellation must not cancel it for the others.
            pending = _inflight ??= Task.Run(ExchangeAsync, CancellationToken.None);
        }

        var token = await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        return token.Value;
    }

    private async Task<CachedToken> ExchangeAsync()
    {
        try
        {
            IssuedToken issued;
            if (store is not null && credential is not null)
            {
                string? rejected;
                lock (_gate)
                {
                    rejected = _rejected;
                }

                issued = await store.GetAsync(credential, exchange, refreshMargin, rejected, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                issued = await exchange().ConfigureAwait(false);
            }

            var token = new CachedToken(issued.Value, issued.RefreshAt(refreshMargin, time.GetUtcNow()));
            lock (_gate)
            {
                _cached = token;
                if (_rejected != issued.Value)
                {
                    _rejected = null;
                }
            }

            return token;
        }
        finally
        {
            lock (_gate)
            {
                _inflight = null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped the cached token the service rejected")]
    private static partial void LogInvalidated(ILogger logger);

    // A class, not a record: a record's ToString would print the token.
    private sealed class CachedToken(string value, DateTimeOffset refreshAt)
    {
        public string Value { get; } = value;

        public DateTimeOffset RefreshAt { get; } = refreshAt;
    }
}
