using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Pipeline;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Protocol;

/// <summary>
/// How Qianfan answers, V1 and V2 alike: the <c>X-Baidu-Request-Id</c> header, error envelopes in any body (V1
/// reports most errors with HTTP 200, so the body decides, not the status), and <see cref="QianfanException"/>s.
/// </summary>
internal sealed class QianfanProfile : ApiProfile
{
    public const string RequestIdHeaderName = "X-Baidu-Request-Id";

    private static readonly TimeSpan SecondLimitPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MinuteLimitPause = TimeSpan.FromSeconds(3);

    public static QianfanProfile Instance { get; } = new();

    public override string ProviderName => "qianfan";

    public override string RequestIdHeader => RequestIdHeaderName;

    public override Exception? DecodeError(ReadOnlySpan<byte> body, ServiceResponse response) =>
        ErrorEnvelope.TryRead(body) is { } error
            ? new QianfanException(error.Code, error.Message, response.RequestId ?? error.Id, response.StatusCode) { ErrorName = error.Name, RetryAfter = RetryAfterHeader.Of(response.Headers) }
            : null;

    public override Exception Malformed(ServiceResponse response, string message, Exception? innerException = null) =>
        new QianfanException(null, message, response.RequestId, response.StatusCode, innerException) { RetryAfter = RetryAfterHeader.Of(response.Headers) };

    public override Exception StreamEnded(int chunksReceived, ServiceResponse response, Exception? innerException = null) =>
        new QianfanStreamEndedException(chunksReceived, response.RequestId, innerException);

    public override bool IsRetryable(Exception exception) => exception is QianfanException { IsRetryable: true };

    public override TimeSpan? RetryAfter(Exception exception) => (exception as QianfanException)?.RetryAfter;

    public override string? ErrorCode(Exception exception) => exception switch
    {
        QianfanAuthenticationException auth => auth.Error,
        QianfanException { ErrorCode: { } code } => code.ToString(CultureInfo.InvariantCulture),
        QianfanException { ErrorName: { } name } => name,
        QianfanException { StatusCode: { } status } => ((int)status).ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    public override string? ErrorMessage(Exception exception) => (exception as QianfanException)?.ErrorMessage;

    /// <summary>The <c>X-Ratelimit-Limit-Requests</c>, <c>-Limit-Tokens</c>, <c>-Remaining-Requests</c> and <c>-Remaining-Tokens</c> headers.</summary>
    public override QuotaReport? ReadQuota(HttpResponseHeaders headers)
    {
        var report = new QuotaReport(
            ReadHeader(headers, "X-Ratelimit-Limit-Requests"),
            ReadHeader(headers, "X-Ratelimit-Limit-Tokens"),
            ReadHeader(headers, "X-Ratelimit-Remaining-Requests"),
            ReadHeader(headers, "X-Ratelimit-Remaining-Tokens"));
        return report.IsEmpty ? null : report;
    }

    /// <summary>
    /// A rate-limit error holds every instance for its <c>Retry-After</c>, else for one second after a per-second limit
    /// (V1 18, V2 429 <c>user_rate_limit_exceeded</c> / <c>cluster_rate_limit_exceeded</c>) and three after a per-minute
    /// one (V1 336501, 336502, V2 429 <c>rpm_</c>/<c>tpm_rate_limit_exceeded</c> or any other 429).
    /// </summary>
    public override TimeSpan? RateLimitPause(Exception exception)
    {
        if (exception is not QianfanException error)
        {
            return null;
        }

        var tooMany = error.StatusCode == HttpStatusCode.TooManyRequests;
        var perSecond = error.ErrorCode == QianfanErrorCodes.QpsLimitReached
            || (tooMany && error.ErrorName is "user_rate_limit_exceeded" or "cluster_rate_limit_exceeded");
        var perMinute = error.ErrorCode is QianfanErrorCodes.RpmLimitReached or QianfanErrorCodes.TpmLimitReached || tooMany;
        return perSecond || perMinute ? error.RetryAfter ?? (perSecond ? SecondLimitPause : MinuteLimitPause) : null;
    }

    private static int? ReadHeader(HttpResponseHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values)
        && int.TryParse(values.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
