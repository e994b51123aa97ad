namespace Qianfan.Sdk.Tests.TestSupport;

/// <summary>A clock the test moves by hand; only <see cref="GetUtcNow"/> is faked (the SDK reads nothing else).</summary>
internal sealed class FakeTimeProvider : TimeProvider
{
    private long _utcTicks;

    public FakeTimeProvider()
        : this(new DateTimeOffset(2024, 9, 19, 1, 23, 0, TimeSpan.Zero))
    {
    }

    public FakeTimeProvider(DateTimeOffset start) => _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
