using Qianfan.Sdk.Emulator.DashScope;
using Qianfan.Sdk.Emulator.Scenarios;

namespace Qianfan.Sdk.Emulator;

/// <summary>
/// The switches of the emulator's DashScope routes (<see cref="EmulatorScenarios.DashScope"/>): how streams are framed,
/// errors in DashScope's shape (as HTTP answers, or as <c>event:error</c> inside an HTTP 200 stream), and how long
/// asynchronous tasks take and whether they fail. Every member may be changed at any time from any thread.
/// </summary>
/// <remarks>
/// A DashScope call meets, in this order: the gateway scenarios every call meets (<see cref="EmulatorScenarios.DelayNextChatResponses"/>,
/// <see cref="EmulatorScenarios.InjectRandomFaults"/> — its QPS limit as 429 <c>Throttling.RateQuota</c>, its overload as
/// 503 <c>ModelUnavailable</c>, its expired token as 500 <c>InternalError</c> —, <see cref="EmulatorScenarios.ResetNextChatConnections"/>,
/// <see cref="EmulatorScenarios.RespondToNextChatCallsWithStatus"/>, <see cref="EmulatorScenarios.FailNextChatCallsWithOddBody"/>
/// (Qianfan's shapes, which a DashScope client reads as malformed) and <see cref="EmulatorScenarios.CorruptNextChatBodies"/>),
/// then the key, then <see cref="FailNextCalls"/>, the body's rules, the QPS/RPM/TPM limits of <see cref="EmulatorScenarios"/>
/// (as 429 <c>Throttling.RateQuota</c> and <c>Throttling.AllocationQuota</c>) and the answer. Text generation also meets
/// <see cref="EmulatorScenarios.ClearHistoryTrigger"/> (as 400 <c>DataInspectionFailed</c>), and its streams
/// <see cref="EmulatorScenarios.CutNextStreams"/> (no finishing event), <see cref="EmulatorScenarios.StreamSentenceDelay"/>,
/// <see cref="EmulatorScenarios.HoldNextStreamAfterFirstChunk"/>, <see cref="EmulatorScenarios.SilenceNextStreamsAfterFirstChunk"/>
/// and <see cref="FailNextStreamsAfter"/>.
/// </remarks>
public sealed class DashScopeScenarios
{
    private readonly Lock _gate = new();
    private bool _blankLines;
    private TimeSpan _taskPendingTime = TimeSpan.FromSeconds(1);
    private TimeSpan _taskRunningTime = TimeSpan.FromSeconds(2);

    internal DashScopeScenarios()
    {
    }

    /// <summary>
    /// Whether stream events are separated by a blank line (the standard's framing); false (the default) sends them back
    /// to back, each <c>data:</c> line right after the last, as many of DashScope's streams come.
    /// </summary>
    public bool StreamBlankLines
    {
        get => Volatile.Read(ref _blankLines);
        set => Volatile.Write(ref _blankLines, value);
    }

    /// <summary>How long a submitted task stays <c>PENDING</c>, by the emulator's clock; 1 second by default.</summary>
    public TimeSpan TaskPendingTime
    {
        get => Read(ref _taskPendingTime);
        set => Write(ref _taskPendingTime, value);
    }

    /// <summary>How long a task then stays <c>RUNNING</c> before it succeeds (or fails), by the emulator's clock; 2 seconds by default.</summary>
    public TimeSpan TaskRunningTime
    {
        get => Read(ref _taskRunningTime);
        set => Write(ref _taskRunningTime, value);
    }

    internal CountedScenario<DashScopeError> CallErrors { get; } = new();

    internal CountedScenario<(int AfterEvents, DashScopeError Error)> StreamErrors { get; } = new();

    internal CountedScenario<DashScopeError> TaskFailures { get; } = new();

    /// <summary>
    /// Answers the next <paramref name="count"/> DashScope calls with <c>{"code","message","request_id"}</c>: with
    /// <paramref name="statusCode"/> (by default the code's own, e.g. 429 for <c>Throttling.RateQuota</c>), or, for a
    /// stream, as an <c>event:error</c> with <c>:HTTP_STATUS/{status}</c> inside an HTTP 200, as the service does.
    /// </summary>
    /// <param name="count">How many calls fail; 0 disarms.</param>
    /// <param name="code">The code, e.g. <c>Throttling.RateQuota</c>, <c>InternalError</c> or <c>InvalidParameter</c>.</param>
    /// <param name="message">The message; null uses the service's text for the code.</param>
    /// <param name="statusCode">The HTTP status; null uses the code's.</param>
    public void FailNextCalls(int count, string code, string? message = null, int? statusCode = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        CallErrors.Arm(count, DashScopeError.Of(code, message, statusCode));
    }

    /// <summary>
    /// Ends the next <paramref name="count"/> streams with an <c>event:error</c> (HTTP 200 still) after
    /// <paramref name="afterEvents"/> result events, e.g. output that failed inspection half-way.
    /// </summary>
    public void FailNextStreamsAfter(int count, int afterEvents, string code, string? message = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterEvents);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        StreamErrors.Arm(count, (afterEvents, DashScopeError.Of(code, message, null)));
    }

    /// <summary>Makes the next <paramref name="count"/> submitted tasks end <c>FAILED</c> with <paramref name="code"/> once they have run.</summary>
    public void FailNextTasks(int count, string code = "InternalError", string? message = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        TaskFailures.Arm(count, DashScopeError.Of(code, message, null));
    }

    /// <summary>Disarms every DashScope scenario and restores the defaults (no blank lines, 1 s pending, 2 s running).</summary>
    public void Reset()
    {
        StreamBlankLines = false;
        TaskPendingTime = TimeSpan.FromSeconds(1);
        TaskRunningTime = TimeSpan.FromSeconds(2);
        CallErrors.Disarm();
        StreamErrors.Disarm();
        TaskFailures.Disarm();
    }

    private TimeSpan Read(ref TimeSpan field)
    {
        lock (_gate)
        {
            return field;
        }
    }

    private void Write(ref TimeSpan field, TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        lock (_gate)
        {
            field = value;
        }
    }
}
