using System.Collections.Concurrent;

namespace Qianfan.Sdk.Emulator.OAuth;

/// <summary>The access tokens issued so far and the rules that retire them (lifetime, forced expiry, call budget).</summary>
internal sealed class TokenStore(TimeProvider timeProvider, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly string _appSuffix = TokenFormat.AppSuffix();

    public long ExpiresInSeconds { get; } = (long)lifetime.TotalSeconds;

    public string AppSuffix => _appSuffix;

    public IssuedToken Issue()
    {
        var expiresAt = timeProvider.GetUtcNow() + lifetime;
        var token = new IssuedToken(TokenFormat.AccessToken(ExpiresInSeconds, expiresAt, _appSuffix), expiresAt);
        _tokens[token.Value] = token;
        return token;
    }

    /// <summary>Judges a chat call's token and, when it is valid, counts the call against it.</summary>
    /// <param name="value">The <c>access_token</c> query value, or null when absent.</param>
    /// <param name="expireAfterCalls">How many calls a token may serve; null for no limit.</param>
    public TokenCheck Check(string? value, int? expireAfterCalls)
    {
        if (string.IsNullOrEmpty(value) || !_tokens.TryGetValue(value, out var token))
        {
            return TokenCheck.Invalid;
        }

        if (token.IsForcedExpired || timeProvider.GetUtcNow() >= token.ExpiresAt)
        {
            return TokenCheck.Expired;
        }

        var calls = token.CountCall();
        return expireAfterCalls is { } limit && calls > limit ? TokenCheck.Expired : TokenCheck.Valid;
    }

    public void ExpireAll()
    {
        foreach (var token in _tokens.Values)
        {
            token.ForceExpire();
        }
    }
}
