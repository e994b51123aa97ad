namespace Qianfan.Sdk.Emulator.Scenarios;

/// <summary>A seeded coin that makes a share of chat calls fail in one of the <see cref="RandomFault"/> ways.</summary>
internal sealed class RandomFaults
{
    private static readonly RandomFault[] Kinds = Enum.GetValues<RandomFault>();
    private readonly Lock _gate = new();
    private Random? _random;
    private double _rate;
    private long _injected;

    public long Injected => Interlocked.Read(ref _injected);

    public void Set(double rate, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
        lock (_gate)
        {
            _rate = rate;
            _random = rate > 0 ? new Random(seed) : null;
        }
    }

    public bool TryPick(out RandomFault fault)
    {
        lock (_gate)
        {
            if (_random is not null && _random.NextDouble() < _rate)
            {
                fault = Kinds[_random.Next(Kinds.Length)];
                _injected++;
                return true;
            }
        }

        fault = default;
        return false;
    }
}
