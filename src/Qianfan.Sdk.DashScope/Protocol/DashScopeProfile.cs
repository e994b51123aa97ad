using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Pipeline;
using Qianfan.Sdk.DashScope.Errors;

namespace Qianfan.Sdk.DashScope.Protocol;

/// <summary>
/// How DashScope's native API answers: the <c>X-Request-ID</c> header (else the body's <c>request_id</c>), flat error
/// bodies <c>{"code","message","request_id"}</c> with any status, streams whose every <c>data:</c> line is an event
/// (with or without blank lines between) and whose errors come as <c>event:error</c> inside an HTTP 200, and the
/// headers a stream needs (<c>X-DashScope-SSE: enable</c>). One per client: a rejected key's message names the host
/// it was sent to, since keys are bound to their region.
/// </summary>
internal sealed class DashScopeProfile(string host, string? workspace) : ApiProfile
{
    public const string RequestIdHeaderName = "X-Request-ID";

    private static readonly TimeSpan BurstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan QuotaPause = TimeSpan.FromSeconds(3);

    public override string ProviderName => "dashscope";

    public override string RequestIdHeader => RequestIdHeaderName;

    public override StreamFraming StreamFraming => StreamFraming.DataLines;

    public override Exception? DecodeError(ReadOnlySpan<byte> body, ServiceResponse response) =>
        ErrorBody.TryRead(body) is { } error
            ? new DashScopeException(error.Code, error.Message, error.RequestId ?? response.RequestId, response.StatusCode)
            {
                RetryAfter = RetryAfterHeader.Of(response.Headers),
                Hint = error.Code == DashScopeErrorCodes.InvalidApiKey
                    ? $"The key was sent to {host}: DashScope keys are bound to their region (a China key fails on the international host and the other way round); check DASHSCOPE_API_KEY and the client's Region or BaseUrl"
                    : null,
            }
            : null;

    public override Exception Malformed(ServiceResponse response, string message, Exception? innerException = null) =>
        new DashScopeException(null, message, response.RequestId, response.StatusCode, innerException) { RetryAfter = RetryAfterHeader.Of(response.Headers) };

    public override Exception StreamEnded(int chunksReceived, ServiceResponse response, Exception? innerException = null) =>
        new DashScopeStreamEndedException(chunksReceived, response.RequestId, innerException);

    public override bool IsRetryable(Exception exception) => exception is DashScopeException { IsRetryable: true };

    public override TimeSpan? RetryAfter(Exception exception) => (exception as DashScopeException)?.RetryAfter;

    public override string? ErrorCode(Exception exception) => exception switch
    {
        DashScopeException { Code: { } code } => code,
        DashScopeException { StatusCode: { } status } => ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    public override string? ErrorMessage(Exception exception) => (exception as DashScopeException)?.ErrorMessage;

    /// <summary>
    /// A throttling error holds every instance (all of a fleet's, with <c>UseRedis</c>) for its <c>Retry-After</c>, else
    /// for one second after a burst (<c>Throttling</c>, <c>LimitRequests</c>) and three after a quota (<c>Throttling.RateQuota</c>,
    /// a passing <c>Throttling.AllocationQuota</c>, any other repeatable HTTP 429). A used-up free quota or an unpaid bill is not
    /// a rate limit: waiting does not end it.
    /// </summary>
    public override TimeSpan? RateLimitPause(Exception exception)
    {
        if (exception is not DashScopeException error)
        {
            return null;
        }

        var throttled = error.StatusCode == System.Net.HttpStatusCode.TooManyRequests
            || error.Code is DashScopeErrorCodes.Throttling or DashScopeErrorCodes.LimitRequests or DashScopeErrorCodes.ThrottlingRateQuota or DashScopeErrorCodes.ThrottlingAllocationQuota;
        if (!throttled || !error.IsRetryable)
        {
            return null;
        }

        var burst = error.Code is DashScopeErrorCodes.Throttling or DashScopeErrorCodes.LimitRequests;
        return error.RetryAfter ?? (burst ? BurstPause : QuotaPause);
    }

    public override void Prepare(HttpRequestMessage request, in ApiCall call)
    {
        var headers = request.Headers;
        if (call.Stream)
        {
            headers.TryAddWithoutValidation("X-DashScope-SSE", "enable");
            headers.TryAddWithoutValidation("Accept", "text/event-stream");
        }
        else
        {
            headers.TryAddWithoutValidation("Accept", "application/json");
        }

        if (workspace is not null)
        {
            headers.TryAddWithoutValidation("X-DashScope-WorkSpace", workspace);
        }
    }


    /// <summary>Names the host only, never the key.</summary>
    public override string ToString() => $"DashScope at {host}";
}
