using System.Diagnostics;

namespace Qianfan.Sdk.Tests.TestSupport;

/// <summary>
/// Records the SDK's spans (<c>Qianfan.Sdk</c>) of one provider as they stop, so a test can look at how a call
/// ended; the provider name keeps other tests' spans, running at the same time, out.
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly List<Activity> _stopped = [];
    private readonly ActivityListener _listener;

    public SpanRecorder(string providerName)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Qianfan.Sdk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("gen_ai.provider.name") as string == providerName)
                {
                    lock (_stopped)
                    {
                        _stopped.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The spans stopped so far.</summary>
    public IReadOnlyList<Activity> Stopped
    {
        get
        {
            lock (_stopped)
            {
                return [.. _stopped];
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
