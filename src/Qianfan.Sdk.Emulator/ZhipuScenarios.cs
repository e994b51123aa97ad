using Qianfan.Sdk.Emulator.Scenarios;
using Qianfan.Sdk.Emulator.Zhipu;

namespace Qianfan.Sdk.Emulator;

/// <summary>
/// The switches of the emulator's Zhipu routes (<see cref="EmulatorScenarios.Zhipu"/>): errors in Zhipu's shape
/// (<c>{"error":{"code","message"}}</c> with its HTTP status, or an error chunk inside a stream), and how long
/// asynchronous chat tasks take and whether they fail. Every member may be changed at any time from any thread.
/// </summary>
/// <remarks>
/// A Zhipu call meets, in this order: the gateway scenarios every call meets (<see cref="EmulatorScenarios.DelayNextChatResponses"/>,
/// <see cref="EmulatorScenarios.InjectRandomFaults"/> — its QPS limit as 429 <c>1302</c>, its overload as 503 <c>1312</c>,
/// its expired token as 500 <c>500</c> —, <see cref="EmulatorScenarios.ResetNextChatConnections"/>,
/// <see cref="EmulatorScenarios.RespondToNextChatCallsWithStatus"/>, <see cref="EmulatorScenarios.FailNextChatCallsWithOddBody"/>
/// (Qianfan's shapes, which a Zhipu client reads as its own envelope where they are one, else as malformed) and
/// <see cref="EmulatorScenarios.CorruptNextChatBodies"/>), then the method and the credential (the key, or a JWT signed
/// with it: 401 <c>1001</c>, <c>1002</c>, <c>1003</c> or <c>1004</c>), then <see cref="FailNextCalls"/>, the body's
/// rules (400 <c>1210</c>, <c>1211</c>, <c>1213</c>, <c>1214</c>), the QPS/RPM/TPM limits of <see cref="EmulatorScenarios"/>
/// (as 429 <c>1302</c>, <c>1303</c> and <c>1305</c>) and the answer. Chat also meets
/// <see cref="EmulatorScenarios.ClearHistoryTrigger"/> (as 400 <c>1301</c>), and its streams
/// <see cref="EmulatorScenarios.CutNextStreams"/> (no finishing chunk, no <c>[DONE]</c>), <see cref="EmulatorScenarios.StreamSentenceDelay"/>,
/// <see cref="EmulatorScenarios.HoldNextStreamAfterFirstChunk"/>, <see cref="EmulatorScenarios.SilenceNextStreamsAfterFirstChunk"/>
/// and <see cref="FailNextStreamsAfter"/>.
/// </remarks>
public sealed class ZhipuScenarios
{
    private readonly Lock _gate = new();
    private TimeSpan _taskProcessingTime = TimeSpan.FromSeconds(3);
    private string? _taskFailTrigger;

    internal ZhipuScenarios()
    {
    }

    /// <summary>How long a submitted asynchronous chat task stays <c>PROCESSING</c>, by the emulator's clock; 3 seconds by default.</summary>
    public TimeSpan TaskProcessingTime
    {
        get
        {
            lock (_gate)
            {
                return _taskProcessingTime;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            lock (_gate)
            {
                _taskProcessingTime = value;
            }
        }
    }

    /// <summary>
    /// A phrase that makes an asynchronous chat task end <c>FAIL</c> when its last message contains it (the failing
    /// prompt); null (the default) fails none.
    /// </summary>
    public string? TaskFailTrigger
    {
        get => Volatile.Read(ref _taskFailTrigger);
        set => Volatile.Write(ref _taskFailTrigger, string.IsNullOrEmpty(value) ? null : value);
    }

    internal CountedScenario<ZhipuError> CallErrors { get; } = new();

    internal CountedScenario<(int AfterChunks, ZhipuError Error)> StreamErrors { get; } = new();

    internal CountedScenario<bool> TaskFailures { get; } = new();

    /// <summary>
    /// Answers the next <paramref name="count"/> Zhipu calls with <c>{"error":{"code","message"}}</c> and
    /// <paramref name="statusCode"/> (by default the code's own: 429 for <c>1302</c>, <c>1113</c>; 401 for <c>100x</c>;
    /// 500 for <c>500</c>, <c>1200</c>; 400 otherwise).
    /// </summary>
    /// <param name="count">How many calls fail; 0 disarms.</param>
    /// <param name="code">The business code, e.g. <c>1302</c> (concurrency), <c>1113</c> (arrears) or <c>1214</c>.</param>
    /// <param name="message">The message; null uses the service's text for the code.</param>
    /// <param name="statusCode">The HTTP status; null uses the code's.</param>
    public void FailNextCalls(int count, string code, string? message = null, int? statusCode = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        CallErrors.Arm(count, ZhipuError.Of(code, message, statusCode));
    }

    /// <summary>
    /// Ends the next <paramref name="count"/> streams with an error chunk, <c>data: {"error":{…}}</c>, after
    /// <paramref name="afterChunks"/> chunks, and no <c>[DONE]</c>.
    /// </summary>
    public void FailNextStreamsAfter(int count, int afterChunks, string code, string? message = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterChunks);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        StreamErrors.Arm(count, (afterChunks, ZhipuError.Of(code, message, null)));
    }

    /// <summary>Makes the next <paramref name="count"/> submitted asynchronous chat tasks end <c>FAIL</c> once processed.</summary>
    public void FailNextTasks(int count) => TaskFailures.Arm(count, true);

    /// <summary>Disarms every Zhipu scenario and restores the defaults (3 s processing, no failing prompt).</summary>
    public void Reset()
    {
        TaskProcessingTime = TimeSpan.FromSeconds(3);
        TaskFailTrigger = null;
        CallErrors.Disarm();
        StreamErrors.Disarm();
        TaskFailures.Disarm();
    }
}
