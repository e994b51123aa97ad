using System.Diagnostics.CodeAnalysis;

namespace Qianfan.Sdk.Emulator.Scenarios;

/// <summary>
/// A fault armed for the next N calls: each call that reaches it takes one, until none are left. Arming again
/// replaces the previous count and payload. Safe to arm and take from any thread.
/// </summary>
internal sealed class CountedScenario<T>
{
    private readonly Lock _gate = new();
    private int _remaining;
    private T? _payload;

    public int Remaining
    {
        get
        {
            lock (_gate)
            {
                return _remaining;
            }
        }
    }

    public void Arm(int count, T payload)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            _remaining = count;
            _payload = payload;
        }
    }

    public void Disarm()
    {
        lock (_gate)
        {
            _remaining = 0;
            _payload = default;
        }
    }

    public bool TryTake([MaybeNullWhen(false)] out T payload)
    {
        lock (_gate)
        {
            if (_remaining > 0)
            {
                _remaining--;
                payload = _payload!;
                return true;
            }
        }

        payload = default;
        return false;
    }
}
