using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// The bearer tokens issued so far, each valid until its expiry by the emulator's clock. Tokens are shaped like the
/// real ones: <c>bce-v3/ALTAK-&lt;20 letters and digits&gt;/&lt;40 hex&gt;</c>.
/// </summary>
internal sealed class BearerTokenStore(TimeProvider timeProvider)
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly ConcurrentDictionary<string, IssuedBearerToken> _tokens = new(StringComparer.Ordinal);

    /// <summary>Issues a token valid for <paramref name="lifetimeSeconds"/> from now (now taken to the whole second, as the service stamps it).</summary>
    public IssuedBearerToken Issue(long lifetimeSeconds)
    {
        var now = timeProvider.GetUtcNow();
        var createdAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var value = $"bce-v3/ALTAK-{RandomNumberGenerator.GetString(Alphanumeric, 20)}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20))}";
        var token = new IssuedBearerToken(value, createdAt, createdAt.AddSeconds(lifetimeSeconds));
        _tokens[value] = token;
        return token;
    }

    /// <summary>Whether <paramref name="value"/> was issued here and has not expired yet.</summary>
    public bool IsValid(string value) =>
        _tokens.TryGetValue(value, out var token) && timeProvider.GetUtcNow() < token.ExpiresAt;
}
