using System.Globalization;
using System.Net;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Pipeline;
using Qianfan.Sdk.Zhipu.Errors;

namespace Qianfan.Sdk.Zhipu.Protocol;

/// <summary>
/// How Zhipu's API v4 answers: error envelopes (<see cref="ErrorEnvelope"/>) with an HTTP status, the request id in
/// <c>X-Request-Id</c> or else the body's <c>request_id</c>, and <see cref="ZhipuException"/>s whose retryability the
/// business code decides.
/// </summary>
internal sealed class ZhipuProfile : ApiProfile
{
    public const string RequestIdHeaderName = "X-Request-Id";

    private static readonly TimeSpan ConcurrencyPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FrequencyPause = TimeSpan.FromSeconds(3);

    public static ZhipuProfile Instance { get; } = new();

    public override string ProviderName => "zhipu";

    public override string RequestIdHeader => RequestIdHeaderName;

    public override Exception? DecodeError(ReadOnlySpan<byte> body, ServiceResponse response)
    {
        if (ErrorEnvelope.TryRead(body) is not { } error)
        {
            return null;
        }

        var requestId = response.RequestId ?? error.RequestId;
        ZhipuException exception = ZhipuErrorCodes.IsAuthentication(error.Code) || (error.Code is null && response.StatusCode == HttpStatusCode.Unauthorized)
            ? new ZhipuAuthenticationException(error.Code, error.Message, requestId, response.StatusCode)
            : new ZhipuException(error.Code, error.Message, requestId, response.StatusCode);
        exception.RetryAfter = RetryAfterHeader.Of(response.Headers);
        return exception;
    }

    public override Exception Malformed(ServiceResponse response, string message, Exception? innerException = null) =>
        new ZhipuException(null, message, response.RequestId, response.StatusCode, innerException) { RetryAfter = RetryAfterHeader.Of(response.Headers) };

    public override Exception StreamEnded(int chunksReceived, ServiceResponse response, Exception? innerException = null) =>
        new ZhipuStreamEndedException(chunksReceived, response.RequestId, innerException);

    public override bool IsRetryable(Exception exception) => exception is ZhipuException { IsRetryable: true };

    public override TimeSpan? RetryAfter(Exception exception) => (exception as ZhipuException)?.RetryAfter;

    public override string? ErrorCode(Exception exception) => exception switch
    {
        ZhipuException { ErrorCode: { } code } => code,
        ZhipuException { StatusCode: { } status } => ((int)status).ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    public override string? ErrorMessage(Exception exception) => (exception as ZhipuException)?.ErrorMessage;

    /// <summary>
    /// A rate-limit error holds every instance (all of a fleet's, with <c>UseRedis</c>) for its <c>Retry-After</c>, else
    /// for one second after too many concurrent calls (1302) and three after a frequency or traffic limit (1303, 1305,
    /// 1313) or another repeatable HTTP 429 (a gateway's). A daily quota or a spending cap (1304, 1308) and a lack of
    /// balance are not ended by waiting.
    /// </summary>
    public override TimeSpan? RateLimitPause(Exception exception) => exception switch
    {
        ZhipuException { ErrorCode: ZhipuErrorCodes.ConcurrencyExceeded } error => error.RetryAfter ?? ConcurrencyPause,
        ZhipuException { ErrorCode: ZhipuErrorCodes.FrequencyExceeded or ZhipuErrorCodes.TrafficLimited or ZhipuErrorCodes.FairUseThrottled } error => error.RetryAfter ?? FrequencyPause,
        ZhipuException { StatusCode: HttpStatusCode.TooManyRequests, IsRetryable: true } error => error.RetryAfter ?? FrequencyPause,
        _ => null,
    };
}
