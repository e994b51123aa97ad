namespace Qianfan.Sdk.IntegrationTests.EmulatorV2;

/// <summary>A clock the test moves by hand, to cross bearer-token and signature lifetimes without waiting.</summary>
internal sealed class TestClock : TimeProvider
{
    private long _ticks = new DateTimeOffset(2026, 3, 1, 8, 30, 15, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
