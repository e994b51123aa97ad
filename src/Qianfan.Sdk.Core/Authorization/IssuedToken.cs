namespace Qianfan.Sdk.Core.Authorization;

/// <summary>A token an exchange returned and when it stops working. Not a record: its ToString must not print the token.</summary>
internal sealed class IssuedToken(string value, DateTimeOffset expiresAt, DateTimeOffset? issuedAt = null)
{
    public string Value { get; } = value;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>When it was obtained, if known (a shared store keeps it, so every instance renews it at the same time).</summary>
    public DateTimeOffset? IssuedAt { get; } = issuedAt;

    /// <summary>
    /// When to renew it: <paramref name="margin"/> before it expires, or halfway through a lifetime shorter than twice
    /// the margin (the lifetime counted from <see cref="IssuedAt"/>, else from <paramref name="now"/>).
    /// </summary>
    public DateTimeOffset RefreshAt(TimeSpan margin, DateTimeOffset now)
    {
        var from = IssuedAt ?? now;
        var lifetime = ExpiresAt > from ? ExpiresAt - from : TimeSpan.Zero;
        return ExpiresAt - (lifetime > margin * 2 ? margin : lifetime / 2);
    }

    public override string ToString() => $"token expiring {ExpiresAt:u}";
}
