using Qianfan.Sdk.Emulator.Images;

namespace Qianfan.Sdk.Emulator.DashScope;

/// <summary>
/// A submitted image-synthesis task, its state a function of the emulator's clock: <c>PENDING</c> for
/// <see cref="PendingTime"/> after submission, then <c>RUNNING</c> for <see cref="RunningTime"/>, then
/// <c>SUCCEEDED</c> (or <c>FAILED</c>, when armed so); <c>CANCELED</c> once cancelled while pending.
/// </summary>
internal sealed class EmulatedTask(string id, DateTimeOffset submitted, TimeSpan pendingTime, TimeSpan runningTime, IReadOnlyList<ImageFile> images, DashScopeError? failure)
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _cancelled;

    public string Id { get; } = id;

    public DateTimeOffset Submitted { get; } = submitted;

    public TimeSpan PendingTime { get; } = pendingTime;

    public TimeSpan RunningTime { get; } = runningTime;

    public IReadOnlyList<ImageFile> Images { get; } = images;

    public DashScopeError? Failure { get; } = failure;

    public DateTimeOffset Scheduled => Submitted + PendingTime;

    public DateTimeOffset Ended => Scheduled + RunningTime;

    public DateTimeOffset? Cancelled
    {
        get
        {
            lock (_gate)
            {
                return _cancelled;
            }
        }
    }

    /// <summary>The state at <paramref name="now"/>: <c>PENDING</c>, <c>RUNNING</c>, <c>SUCCEEDED</c>, <c>FAILED</c> or <c>CANCELED</c>.</summary>
    public string StatusAt(DateTimeOffset now)
    {
        if (Cancelled is not null)
        {
            return "CANCELED";
        }

        return now < Scheduled ? "PENDING" : now < Ended ? "RUNNING" : Failure is null ? "SUCCEEDED" : "FAILED";
    }

    /// <summary>Cancels the task if it is still pending at <paramref name="now"/>.</summary>
    public bool TryCancel(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_cancelled is not null || now >= Scheduled)
            {
                return false;
            }

            _cancelled = now;
            return true;
        }
    }
}
