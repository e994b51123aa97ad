using System.Globalization;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core.Authorization;
using StackExchange.Redis;

namespace Qianfan.Sdk.Redis;

/// <summary>
/// One token per credential for the fleet, in Redis under <c>{prefix}:{credential hash}:token</c> with its issue and
/// expiry times (its TTL ends with it). An instance that finds it missing, due or rejected takes the renewal lock
/// (<c>…:token-lock</c>, a lease), exchanges, stores and releases; the others keep using the current token while it
/// is valid, or wait for the new one. A rejected token is dropped by fingerprint, so the fleet renews it once. When
/// Redis is unavailable the instance exchanges by itself.
/// </summary>
internal sealed partial class RedisTokenStore(RedisFleet fleet, ILogger logger) : ISharedTokenStore
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private readonly TokenSealer _sealer = new(fleet.Options.TokenEncryptionKey);
    private readonly string _owner = Guid.NewGuid().ToString("N");
    private int _undecryptableLogged;

    public async Task<IssuedToken> GetAsync(string credential, Func<Task<IssuedToken>> exchange, TimeSpan refreshMargin, string? rejected, CancellationToken cancellationToken)
    {
        if (!fleet.ShouldTry())
        {
            return await exchange().ConfigureAwait(false);
        }

        try
        {
            return await GetSharedAsync(credential, exchange, refreshMargin, rejected, cancellationToken).ConfigureAwait(false);
        }
        catch (RedisUnavailableException)
        {
            return await exchange().ConfigureAwait(false);
        }
    }

    private async Task<IssuedToken> GetSharedAsync(string credential, Func<Task<IssuedToken>> exchange, TimeSpan margin, string? rejected, CancellationToken cancellationToken)
    {
        var key = fleet.Key(credential, "token");
        var lockKey = fleet.Key(credential, "token-lock");
        var owner = $"{_owner}:{Environment.ProcessId}";
        if (rejected is not null)
        {
            await fleet.RunAsync(static (db, s) => db.ScriptEvaluateAsync(TokenScripts.Forget, [s.key], [$"1|{s.fingerprint}|"]), (key, fingerprint: _sealer.Fingerprint(rejected))).ConfigureAwait(false);
        }

        var giveUpAt = fleet.Time.GetUtcNow() + (fleet.Options.TokenLockLease * 2);
        while (true)
        {
            var stored = await ReadAsync(key).ConfigureAwait(false);
            var now = fleet.Time.GetUtcNow();
            if (Usable(stored, rejected) && now < stored!.RefreshAt(margin, now))
            {
                return stored;
            }

            if (await fleet.RunAsync(static (db, s) => db.StringSetAsync(s.lockKey, s.owner, s.lease, When.NotExists), (lockKey, owner, lease: fleet.Options.TokenLockLease)).ConfigureAwait(false))
            {
                return await RenewAsync(key, lockKey, owner, exchange, margin, rejected).ConfigureAwait(false);
            }

            // Another instance is renewing: the current token serves meanwhile, else wait for the new one.
            if (Usable(stored, rejected) && now < stored!.ExpiresAt)
            {
                return stored;
            }

            if (now >= giveUpAt)
            {
                // The lock outlived two leases: whoever holds it is not renewing; do not wait for ever.
                return await exchange().ConfigureAwait(false);
            }

            await Task.Delay(PollInterval, fleet.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IssuedToken> RenewAsync(RedisKey key, RedisKey lockKey, string owner, Func<Task<IssuedToken>> exchange, TimeSpan margin, string? rejected)
    {
        try
        {
            // Stored between this instance's read and its lock by the instance that held the lock before.
            var stored = await ReadAsync(key).ConfigureAwait(false);
            var now = fleet.Time.GetUtcNow();
            if (Usable(stored, rejected) && now < stored!.RefreshAt(margin, now))
            {
                return stored;
            }

            var issued = await exchange().ConfigureAwait(false);
            now = fleet.Time.GetUtcNow();
            var ttl = issued.ExpiresAt - now;
            if (ttl > TimeSpan.Zero)
            {
                var value = string.Create(
                    CultureInfo.InvariantCulture,
                    $"1|{_sealer.Fingerprint(issued.Value)}|{(issued.IssuedAt ?? now).ToUnixTimeMilliseconds()}|{issued.ExpiresAt.ToUnixTimeMilliseconds()}|{(_sealer.Encrypts ? "e" : "p")}|{_sealer.Seal(issued.Value, key.ToString())}");
                try
                {
                    await fleet.RunAsync(static (db, s) => db.StringSetAsync(s.key, s.value, s.ttl), (key, value, ttl)).ConfigureAwait(false);
                }
                catch (RedisUnavailableException)
                {
                    // The token works all the same; the fleet's next renewal stores one.
                }
            }

            return issued;
        }
        finally
        {
            try
            {
                await fleet.RunAsync(static (db, s) => db.ScriptEvaluateAsync(TokenScripts.Unlock, [s.lockKey], [s.owner]), (lockKey, owner)).ConfigureAwait(false);
            }
            catch (RedisUnavailableException)
            {
                // The lease ends it.
            }
        }
    }

    /// <summary>The stored token, or null when there is none, or it is of another format, or it does not decrypt.</summary>
    private async Task<IssuedToken?> ReadAsync(RedisKey key)
    {
        var value = await fleet.RunAsync(static (db, k) => db.StringGetAsync(k), key).ConfigureAwait(false);
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        var parts = ((string)value!).Split('|', 6);
        if (parts is not ["1", _, var issued, var expires, "p" or "e", var payload]
            || !long.TryParse(issued, NumberStyles.Integer, CultureInfo.InvariantCulture, out var issuedMs)
            || !long.TryParse(expires, NumberStyles.Integer, CultureInfo.InvariantCulture, out var expiresMs))
        {
            return null;
        }

        var token = (parts[4] == "e") == _sealer.Encrypts ? _sealer.Open(payload, key.ToString()) : null;
        if (token is null)
        {
            if (Interlocked.Exchange(ref _undecryptableLogged, 1) == 0)
            {
                LogUnreadable(logger);
            }

            return null;
        }

        return new IssuedToken(token, DateTimeOffset.FromUnixTimeMilliseconds(expiresMs), DateTimeOffset.FromUnixTimeMilliseconds(issuedMs));
    }

    private static bool Usable(IssuedToken? stored, string? rejected) => stored is not null && stored.Value != rejected;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A token stored in Redis could not be read with this instance's settings (another TokenEncryptionKey, or none where one is used); this instance obtains and stores a new one")]
    private static partial void LogUnreadable(ILogger logger);
}
