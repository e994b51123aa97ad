using Microsoft.AspNetCore.WebUtilities;
using Qianfan.Sdk.Emulator.Errors;
using Qianfan.Sdk.Emulator.OAuth;
using Qianfan.Sdk.Emulator.Scenarios;

namespace Qianfan.Sdk.Emulator;

/// <summary>
/// Switches that make the emulator misbehave the way the real service and network sometimes do: expired tokens,
/// rate limits, error codes (in odd shapes too), HTTP failures, bodies that do not decompress, resets, slow answers,
/// cut, held or silent streams, bare usage tails and unsafe-input replies.
/// Every member may be changed at any time from any thread, also while calls are in flight.
/// </summary>
/// <remarks>
/// A chat call meets the armed faults in this order, and takes one from a "next N" count only when it reaches it:
/// <see cref="DelayNextChatResponses"/>, <see cref="ResetNextChatConnections"/>, <see cref="RespondToNextChatCallsWithStatus"/>,
/// <see cref="FailNextChatCallsWithOddBody"/>, <see cref="CorruptNextChatBodies"/>, then the service's own checks (endpoint, HTTP method, access token or <c>bce-auth-v1</c> signature), <see cref="FailNextChatCalls"/>, body validation,
/// <see cref="FailNextStreamsAtStart"/>, the QPS/RPM/TPM limits, and finally the answer
/// (<see cref="ClearHistoryOnNextChatCalls"/>, <see cref="CutNextStreams"/>, <see cref="HoldNextStreamAfterFirstChunk"/>,
/// <see cref="SilenceNextStreamsAfterFirstChunk"/>, <see cref="EndNextStreamsWithABareUsageChunk"/>).
/// <para>
/// V2 calls (<c>/v2/chat/completions</c>) meet the same chat scenarios in the same order and share their counts with V1
/// calls: the delays, random faults, resets, injected HTTP statuses, injected errors, stream-start errors, QPS/RPM/TPM
/// limits, <see cref="StreamSentenceDelay"/>, cuts (a cut V2 stream ends without its finishing piece, usage or
/// <c>data: [DONE]</c>), holds, silences, odd error bodies and corrupt bodies; <see cref="EndNextStreamsWithABareUsageChunk"/>
/// is V2 only. A V1 error code becomes the V2 answer for the same condition, with the V2 error
/// body <c>{"error":{"code","message","type"},"id"}</c> and its HTTP status (see <see cref="FailNextChatCalls"/>).
/// The unsafe-input ones (<see cref="ClearHistoryTrigger"/>, <see cref="ClearHistoryOnNextChatCalls"/>) apply to
/// both, V2 answering with the choice's <c>need_clear_history</c> and <c>ban_round</c>; the access-token scenarios
/// (<see cref="ExpireTokensAfterCalls"/>, <see cref="ExpireAllTokens"/>) are V1 only;
/// <see cref="DelayNextTokenResponses"/> also holds requests to the bearer-token endpoint.
/// </para>
/// <para>
/// The other APIs — V1 completions, embeddings, rerank, text2image and tokenizer, V2 embeddings, rerankers and image
/// generation — are "chat calls" for every scenario too, in the same order and sharing the same counts: the delays,
/// random faults, resets, injected HTTP statuses, injected errors (in the V2 form on V2), token expiry, the QPS/RPM/TPM
/// limits (a token count charges no tokens) and, for streamed completions, the stream scenarios and the unsafe-input ones.
/// </para>
/// </remarks>
public sealed class EmulatorScenarios
{
    private readonly TokenStore _tokens;
    private readonly Lock _gate = new();
    private readonly List<StreamHold> _pendingHolds = [];
    private readonly List<StreamHold> _allHolds = [];
    private int? _expireTokensAfterCalls;
    private int? _qpsLimit;
    private int? _rpmLimit;
    private int? _tpmLimit;
    private string? _clearHistoryTrigger;
    private long _streamSentenceDelayTicks;

    internal EmulatorScenarios(TokenStore tokens)
    {
        _tokens = tokens;
    }

    /// <summary>
    /// How many chat calls each access token may serve before it answers error 111 (Access token expired);
    /// <see langword="null"/> (the default) for no limit. Calls already made count.
    /// </summary>
    public int? ExpireTokensAfterCalls
    {
        get => Read(ref _expireTokensAfterCalls);
        set => Write(ref _expireTokensAfterCalls, value, nameof(ExpireTokensAfterCalls), min: 0);
    }

    /// <summary>
    /// Chat calls allowed in any one-second window before error 18 (Open api qps request limit reached);
    /// <see langword="null"/> (the default) for none.
    /// </summary>
    public int? QpsLimit
    {
        get => Read(ref _qpsLimit);
        set => Write(ref _qpsLimit, value, nameof(QpsLimit), min: 1);
    }

    /// <summary>
    /// Chat answers allowed in any 60-second window before error 336501 (Rpm limit reached); <see langword="null"/>
    /// (the default) for none. When set it is also the quota in <c>X-Ratelimit-Limit-Requests</c>.
    /// </summary>
    public int? RpmLimit
    {
        get => Read(ref _rpmLimit);
        set => Write(ref _rpmLimit, value, nameof(RpmLimit), min: 1);
    }

    /// <summary>
    /// Tokens (input plus output) allowed in any 60-second window: a call whose prompt would go past it gets error
    /// 336502 (Tpm limit reached). <see langword="null"/> (the default) for none. When set it is also the quota in
    /// <c>X-Ratelimit-Limit-Tokens</c>.
    /// </summary>
    public int? TpmLimit
    {
        get => Read(ref _tpmLimit);
        set => Write(ref _tpmLimit, value, nameof(TpmLimit), min: 1);
    }

    /// <summary>
    /// Text that, found in the last user message, makes the service judge the input unsafe: the answer has
    /// <c>need_clear_history: true</c>, <c>ban_round: -1</c> and an empty result. <see langword="null"/> (the default) for none.
    /// </summary>
    public string? ClearHistoryTrigger
    {
        get => Volatile.Read(ref _clearHistoryTrigger);
        set => Volatile.Write(ref _clearHistoryTrigger, string.IsNullOrEmpty(value) ? null : value);
    }

    /// <summary>A pause before every stream piece after the first (a slow stream); zero (the default) for none.</summary>
    public TimeSpan StreamSentenceDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _streamSentenceDelayTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Interlocked.Exchange(ref _streamSentenceDelayTicks, value.Ticks);
        }
    }

    internal CountedScenario<ServiceError> ChatErrors { get; } = new();

    internal CountedScenario<InjectedStatus> ChatStatuses { get; } = new();

    internal CountedScenario<bool> ChatResets { get; } = new();

    internal CountedScenario<TimeSpan> ChatDelays { get; } = new();

    internal CountedScenario<TimeSpan> TokenDelays { get; } = new();

    internal CountedScenario<StreamCut> StreamCuts { get; } = new();

    internal CountedScenario<ServiceError> StreamStartErrors { get; } = new();

    internal CountedScenario<bool> ClearHistoryCalls { get; } = new();

    internal CountedScenario<bool> StreamSilences { get; } = new();

    internal CountedScenario<bool> UsageOnlyTails { get; } = new();

    internal CountedScenario<string> CorruptBodies { get; } = new();

    internal CountedScenario<(OddErrorBody Shape, int Code, string Message)> OddErrorBodies { get; } = new();

    internal RandomFaults RandomFaults { get; } = new();

    /// <summary>The switches of the DashScope routes (stream framing, DashScope errors, task timing); <see cref="Reset"/> resets them too.</summary>
    public DashScopeScenarios DashScope { get; } = new();

    /// <summary>The switches of the Zhipu routes (Zhipu errors, asynchronous task timing and failures); <see cref="Reset"/> resets them too.</summary>
    public ZhipuScenarios Zhipu { get; } = new();

    /// <summary>How many chat calls <see cref="InjectRandomFaults"/> has failed so far.</summary>
    public long RandomFaultsInjected => RandomFaults.Injected;

    /// <summary>
    /// Fails a random share of chat calls, with equal odds, as error 18 (QPS limit), error 336100 (try again later),
    /// HTTP 503, a reset connection or error 111 (token expired): a soak test's weather. Seeded, so a run repeats.
    /// </summary>
    /// <param name="rate">The share of calls to fail, in [0, 1]; 0 stops it.</param>
    /// <param name="seed">The random seed.</param>
    public void InjectRandomFaults(double rate, int seed = 0) => RandomFaults.Set(rate, seed);

    /// <summary>Expires every token issued so far (each answers error 111 from now on); new tokens work.</summary>
    public void ExpireAllTokens() => _tokens.ExpireAll();

    /// <summary>
    /// Answers the next <paramref name="count"/> chat calls (with a valid token and endpoint) with
    /// <c>{"error_code":errorCode,"error_msg":...}</c> in an HTTP 200, as the service reports overload and the like.
    /// </summary>
    /// <remarks>
    /// A V2 call that takes one answers the V2 form of the code instead, with the V2 table's message unless
    /// <paramref name="errorMessage"/> is given: 14, 13, 110, 111 → 401 <c>invalid_iam_token</c>; 15 → 401
    /// <c>invalid_appid</c>; 6, 336004 → 401 <c>no_parameter_permission</c>; 3, 336005 → 401 <c>invalid_model</c>;
    /// 336101 → 405 <c>method_not_supported</c>; 336002 → 400 <c>malformed_json</c>; 100, 336001, 336003, 336104,
    /// 336105 → 400 <c>invalid_argument</c>; 18 → 429 <c>user_rate_limit_exceeded</c>; 4 → 429
    /// <c>cluster_rate_limit_exceeded</c>; 17, 19 → 429 <c>user_rate_limit_exceeded</c>; 336501 → 429
    /// <c>rpm_rate_limit_exceeded</c>; 336502 → 429 <c>tpm_rate_limit_exceeded</c>; 1, 2, 336000, 336100 and any
    /// other code → 500 <c>internal_error</c> (type <c>Internal_error</c>).
    /// </remarks>
    /// <param name="count">How many calls fail; 0 disarms.</param>
    /// <param name="errorCode">Any V1 code, e.g. 336100 (try again later) or 2 (service unavailable).</param>
    /// <param name="errorMessage">The <c>error_msg</c>; null uses the service's text for the code.</param>
    public void FailNextChatCalls(int count, int errorCode, string? errorMessage = null) =>
        ChatErrors.Arm(count, new ServiceError(errorCode, errorMessage ?? ErrorMessages.For(errorCode)));

    /// <summary>
    /// Answers the next <paramref name="count"/> chat calls with a bare HTTP status, before any service check, as a
    /// gateway in front of the service does (e.g. 503 with an HTML page); no service headers are sent.
    /// </summary>
    /// <param name="count">How many calls get it; 0 disarms.</param>
    /// <param name="statusCode">The HTTP status, e.g. 429, 500, 502 or 503.</param>
    /// <param name="body">The body; null gives a small HTML error page naming the status.</param>
    /// <param name="contentType">The body's content type; null gives <c>text/html; charset=utf-8</c>.</param>
    public void RespondToNextChatCallsWithStatus(int count, int statusCode, string? body = null, string? contentType = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        var reason = ReasonPhrases.GetReasonPhrase(statusCode);
        ChatStatuses.Arm(count, new InjectedStatus(
            statusCode,
            body ?? $"<html><head><title>{statusCode} {reason}</title></head><body><h1>{statusCode} {reason}</h1></body></html>",
            contentType ?? "text/html; charset=utf-8"));
    }

    /// <summary>Aborts the connection of the next <paramref name="count"/> chat calls without any response (after recording them).</summary>
    public void ResetNextChatConnections(int count) => ChatResets.Arm(count, true);

    /// <summary>Holds the next <paramref name="count"/> chat calls for <paramref name="delay"/> before handling them (a slow attempt).</summary>
    public void DelayNextChatResponses(int count, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ChatDelays.Arm(count, delay);
    }

    /// <summary>Holds the next <paramref name="count"/> token requests for <paramref name="delay"/> (a slow token exchange).</summary>
    public void DelayNextTokenResponses(int count, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        TokenDelays.Arm(count, delay);
    }

    /// <summary>
    /// Ends the next <paramref name="count"/> streams cleanly after <paramref name="afterSentences"/> pieces, without the
    /// <c>is_end</c> piece (at most all but the last piece are sent, so the cut always shows).
    /// </summary>
    public void CutNextStreams(int count, int afterSentences)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSentences);
        StreamCuts.Arm(count, new StreamCut(afterSentences));
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> stream calls with a plain <c>application/json</c> error body instead of
    /// events, as the service reports an error at stream start.
    /// </summary>
    /// <param name="count">How many stream calls fail; 0 disarms. Sync calls do not take one.</param>
    /// <param name="errorCode">Any V1 code.</param>
    /// <param name="errorMessage">The <c>error_msg</c>; null uses the service's text for the code.</param>
    public void FailNextStreamsAtStart(int count, int errorCode, string? errorMessage = null) =>
        StreamStartErrors.Arm(count, new ServiceError(errorCode, errorMessage ?? ErrorMessages.For(errorCode)));

    /// <summary>Judges the next <paramref name="count"/> answered chat calls unsafe (see <see cref="ClearHistoryTrigger"/>).</summary>
    public void ClearHistoryOnNextChatCalls(int count) => ClearHistoryCalls.Arm(count, true);

    /// <summary>
    /// Holds the next stream that sends a piece right after flushing piece 0, until <see cref="StreamHold.Release"/>.
    /// </summary>
    /// <returns>The handle the test awaits and releases.</returns>
    public StreamHold HoldNextStreamAfterFirstChunk()
    {
        var hold = new StreamHold();
        lock (_gate)
        {
            _pendingHolds.Add(hold);
            _allHolds.Add(hold);
        }

        return hold;
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> streams (V1 or V2) go silent after their first piece: nothing more is
    /// sent and the connection stays open until the client gives up (its idle timeout) or the emulator stops.
    /// </summary>
    public void SilenceNextStreamsAfterFirstChunk(int count) => StreamSilences.Arm(count, true);

    /// <summary>
    /// Ends the next <paramref name="count"/> V2 streams with the barest usage tail, <c>data: {"usage":{…}}</c> (no id,
    /// model or choices), before <c>data: [DONE]</c>, whether or not <c>stream_options.include_usage</c> asked for one.
    /// </summary>
    public void EndNextStreamsWithABareUsageChunk(int count) => UsageOnlyTails.Arm(count, true);

    /// <summary>
    /// Answers the next <paramref name="count"/> chat calls (V1 or V2) with HTTP 200, <c>Content-Encoding</c>
    /// <paramref name="contentEncoding"/> and a body that does not decode, as a broken proxy does; before the service's checks.
    /// </summary>
    /// <param name="count">How many calls get it; 0 disarms.</param>
    /// <param name="contentEncoding"><c>gzip</c> (the default), <c>deflate</c> or <c>br</c>.</param>
    public void CorruptNextChatBodies(int count, string contentEncoding = "gzip")
    {
        if (contentEncoding is not ("gzip" or "deflate" or "br"))
        {
            throw new ArgumentException($"contentEncoding must be gzip, deflate or br, was '{contentEncoding}'.", nameof(contentEncoding));
        }

        CorruptBodies.Arm(count, contentEncoding);
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> chat calls (V1 or V2) with HTTP 200 and an error body of an odd
    /// <paramref name="shape"/> (a string or float code, a message that is no string, V2's error with HTTP 200 …), as
    /// gateways and older services send them; before the service's checks.
    /// </summary>
    /// <param name="count">How many calls get it; 0 disarms.</param>
    /// <param name="shape">Which odd body.</param>
    /// <param name="errorCode">The V1 code it carries (18, QPS limit, by default); V2 shapes carry its V2 name.</param>
    /// <param name="errorMessage">The message; null uses the service's text for the code.</param>
    public void FailNextChatCallsWithOddBody(int count, OddErrorBody shape, int errorCode = 18, string? errorMessage = null) =>
        OddErrorBodies.Arm(count, (shape, errorCode, errorMessage ?? ErrorMessages.For(errorCode)));

    /// <summary>
    /// Disarms every scenario, clears every limit and trigger and releases every hold; tokens already expired stay expired.
    /// </summary>
    public void Reset()
    {
        ExpireTokensAfterCalls = null;
        QpsLimit = null;
        RpmLimit = null;
        TpmLimit = null;
        ClearHistoryTrigger = null;
        StreamSentenceDelay = TimeSpan.Zero;
        ChatErrors.Disarm();
        ChatStatuses.Disarm();
        ChatResets.Disarm();
        ChatDelays.Disarm();
        TokenDelays.Disarm();
        StreamCuts.Disarm();
        StreamStartErrors.Disarm();
        ClearHistoryCalls.Disarm();
        StreamSilences.Disarm();
        UsageOnlyTails.Disarm();
        CorruptBodies.Disarm();
        OddErrorBodies.Disarm();
        RandomFaults.Set(0, 0);
        DashScope.Reset();
        Zhipu.Reset();
        ReleaseHolds();
    }

    internal StreamHold? TakeHold()
    {
        lock (_gate)
        {
            if (_pendingHolds.Count == 0)
            {
                return null;
            }

            var hold = _pendingHolds[0];
            _pendingHolds.RemoveAt(0);
            return hold;
        }
    }

    internal void ReleaseHolds()
    {
        StreamHold[] holds;
        lock (_gate)
        {
            holds = [.. _allHolds];
            _pendingHolds.Clear();
            _allHolds.Clear();
        }

        foreach (var hold in holds)
        {
            hold.Release();
        }
    }

    private int? Read(ref int? field)
    {
        lock (_gate)
        {
            return field;
        }
    }

    private void Write(ref int? field, int? value, string name, int min)
    {
        if (value is { } v)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(v, min, name);
        }

        lock (_gate)
        {
            field = value;
        }
    }
}
