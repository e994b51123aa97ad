using Qianfan.Sdk.Emulator.Errors;

namespace Qianfan.Sdk.Emulator.RateLimiting;

/// <summary>
/// Sliding windows over what was actually served: calls in the last second (QPS), calls and tokens in the last
/// 60 seconds (RPM, TPM). Checking and charging happen under one lock, so concurrent calls never overshoot.
/// </summary>
internal sealed class QuotaTracker(TimeProvider timeProvider)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _lastSecond = new();
    private readonly Queue<QuotaCharge> _lastMinute = new();
    private long _tokensInMinute;

    /// <summary>Admits a call and charges its prompt tokens, or refuses it with error 18, 336501 or 336502.</summary>
    public QuotaDecision TryAdmit(QuotaLimits limits, int promptTokens)
    {
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            Prune(now);
            var error = limits switch
            {
                { Qps: { } qps } when _lastSecond.Count >= qps => ServiceError.Of(ErrorCodes.QpsLimitReached),
                { Rpm: { } rpm } when _lastMinute.Count >= rpm => ServiceError.Of(ErrorCodes.RpmLimitReached),
                { Tpm: { } tpm } when _tokensInMinute + promptTokens > tpm => ServiceError.Of(ErrorCodes.TpmLimitReached),
                _ => null,
            };
            if (error is not null)
            {
                return new QuotaDecision(error, null, SnapshotLocked(limits));
            }

            var charge = new QuotaCharge(now, promptTokens);
            _lastSecond.Enqueue(now);
            _lastMinute.Enqueue(charge);
            _tokensInMinute += promptTokens;
            return new QuotaDecision(null, charge, SnapshotLocked(limits));
        }
    }

    /// <summary>Adds an admitted call's completion tokens and returns the headers for its answer.</summary>
    public QuotaSnapshot Settle(QuotaLimits limits, QuotaCharge charge, int completionTokens)
    {
        lock (_gate)
        {
            charge.Tokens += completionTokens;
            if (!charge.Expired)
            {
                _tokensInMinute += completionTokens;
            }

            Prune(timeProvider.GetUtcNow());
            return SnapshotLocked(limits);
        }
    }

    /// <summary>The header values now, charging nothing (for answers that consumed no quota).</summary>
    public QuotaSnapshot Peek(QuotaLimits limits)
    {
        lock (_gate)
        {
            Prune(timeProvider.GetUtcNow());
            return SnapshotLocked(limits);
        }
    }

    private QuotaSnapshot SnapshotLocked(QuotaLimits limits)
    {
        var limitRequests = limits.Rpm ?? limits.RequestsPerMinute;
        var limitTokens = limits.Tpm ?? limits.TokensPerMinute;
        return new QuotaSnapshot(
            limitRequests,
            limitTokens,
            Math.Max(0, limitRequests - _lastMinute.Count),
            (int)Math.Max(0, limitTokens - _tokensInMinute));
    }

    private void Prune(DateTimeOffset now)
    {
        while (_lastSecond.Count > 0 && now - _lastSecond.Peek() >= Second)
        {
            _lastSecond.Dequeue();
        }

        while (_lastMinute.Count > 0 && now - _lastMinute.Peek().At >= Minute)
        {
            var charge = _lastMinute.Dequeue();
            charge.Expired = true;
            _tokensInMinute -= charge.Tokens;
        }
    }
}
