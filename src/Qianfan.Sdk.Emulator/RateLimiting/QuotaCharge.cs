namespace Qianfan.Sdk.Emulator.RateLimiting;

/// <summary>
/// What one admitted call costs in the 60-second window: its prompt tokens at admission, plus its completion
/// tokens once the answer is known.
/// </summary>
internal sealed class QuotaCharge(DateTimeOffset at, int tokens)
{
    public DateTimeOffset At { get; } = at;

    public int Tokens { get; set; } = tokens;

    /// <summary>Whether the charge has left the window (its tokens no longer count).</summary>
    public bool Expired { get; set; }
}
