namespace Qianfan.Sdk.Emulator.Recording;

/// <summary>
/// Every request received, in arrival order (a request arrives when its body has been read); snapshots are
/// copies, so readers never see one change.
/// </summary>
internal sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private long _sequence;

    /// <summary>Numbers and stores a request in one step, so sequence numbers and list order always agree.</summary>
    public RecordedRequest Add(Func<long, RecordedRequest> create)
    {
        lock (_gate)
        {
            var request = create(++_sequence);
            _requests.Add(request);
            return request;
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _requests];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }
}
