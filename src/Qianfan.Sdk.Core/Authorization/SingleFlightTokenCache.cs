using Microsoft.Extensions.Logging;

namespace Qianfan.Sdk.Core.Authorization;

/// <summary>
/// Caches a token until a margin before it expires and lets exactly one caller renew it while the others wait
/// for the same exchange. The cached path allocates nothing.
/// </summary>
internal sealed partial class SingleFlightTokenCache(Func<Task<IssuedToken>> exchange, TimeSpan refreshMargin, TimeProvider time, ILogger logger)
{
    private readonly Lock _gate = new();
    private CachedToken? _cached;
    private Task<CachedToken>? _inflight;

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
            var issued = await exchange().ConfigureAwait(false);
            var now = time.GetUtcNow();
            var lifetime = issued.ExpiresAt > now ? issued.ExpiresAt - now : TimeSpan.Zero;
            var margin = lifetime > refreshMargin * 2 ? refreshMargin : lifetime / 2;
            var token = new CachedToken(issued.Value, issued.ExpiresAt - margin);
            lock (_gate)
            {
                _cached = token;
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
