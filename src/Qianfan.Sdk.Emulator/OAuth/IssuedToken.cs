namespace Qianfan.Sdk.Emulator.OAuth;

/// <summary>An access token the emulator handed out, with what decides whether it still works.</summary>
internal sealed class IssuedToken(string value, DateTimeOffset expiresAt)
{
    private int _calls;
    private int _forcedExpired;

    public string Value { get; } = value;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public bool IsForcedExpired => Volatile.Read(ref _forcedExpired) != 0;

    public void ForceExpire() => Interlocked.Exchange(ref _forcedExpired, 1);

    /// <summary>Counts one chat call made with this token and returns how many it has made, this one included.</summary>
    public int CountCall() => Interlocked.Increment(ref _calls);
}
