using System.Net;
using System.Text;

namespace Qianfan.Sdk.Zhipu.Errors;

/// <summary>
/// A failure Zhipu's service reported (<c>{"error":{"code":"1302","message":"…"}}</c> with an HTTP status), or an
/// answer the SDK could not understand. Branch on <see cref="ErrorCode"/> (see <see cref="ZhipuErrorCodes"/>), never on
/// the message text: the service answers HTTP 429 both for "too many requests" (1302, worth repeating) and for "balance
/// exhausted" (1113, not), so <see cref="IsRetryable"/> reads the business code, not the status.
/// </summary>
public class ZhipuException : Exception
{
    private readonly bool _fromService;

    /// <summary>Creates an exception with no service details.</summary>
    public ZhipuException()
        : this("The Zhipu service call failed.")
    {
    }

    /// <summary>Creates an exception with no service details.</summary>
    public ZhipuException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with no service details.</summary>
    public ZhipuException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ErrorMessage = message;
    }

    /// <summary>Creates an exception from the service's <c>error.code</c> and <c>error.message</c>.</summary>
    /// <param name="errorCode">The business code, e.g. <c>1302</c>; null when the answer carried none.</param>
    /// <param name="errorMessage">The service's message, or what went wrong.</param>
    /// <param name="requestId">The service's request id, where given.</param>
    /// <param name="statusCode">The HTTP status of the answer, where there was one.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ZhipuException(string? errorCode, string errorMessage, string? requestId = null, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(errorMessage, innerException)
    {
        _fromService = true;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        RequestId = requestId;
        StatusCode = statusCode;
    }

    /// <summary>The service's business code (<c>error.code</c>, a string of digits such as <c>1214</c>); null when the answer carried none.</summary>
    public string? ErrorCode { get; }

    /// <summary>The service's <c>error.message</c>, or a description of what went wrong.</summary>
    public string ErrorMessage { get; }

    /// <summary>The service's request id, for support tickets; null when the answer named none.</summary>
    public string? RequestId { get; }

    /// <summary>The HTTP status of the answer, where there was one.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>How long the service asked to wait before trying again (<c>Retry-After</c>), where it said.</summary>
    public TimeSpan? RetryAfter { get; internal set; }

    /// <summary>
    /// Whether repeating the same call later may succeed. A documented business code decides (1302 concurrency, 1303
    /// frequency, 1305 and 1312 overload, 1200 and 500 internal errors, 1234 network: yes; 1113 balance, 1304 daily
    /// quota, 1210/1214 parameters, authentication: no), whatever the HTTP status; an answer without a known code is
    /// judged by its status (408, 429 and 5xx: yes).
    /// </summary>
    public virtual bool IsRetryable => ZhipuErrorCodes.IsRetryable(ErrorCode, StatusCode);

    /// <summary>The error code, the message, the HTTP status and the request id, as one line.</summary>
    public override string Message => _fromService ? Describe() : base.Message;

    private string Describe()
    {
        var text = new StringBuilder("Zhipu error");
        if (ErrorCode is { } code)
        {
            text.Append(' ').Append(code);
        }

        text.Append(": ").Append(ErrorMessage);
        if (StatusCode is { } status && status != HttpStatusCode.OK)
        {
            text.Append(" (HTTP ").Append((int)status).Append(')');
        }

        if (RequestId is not null)
        {
            text.Append(" [request id ").Append(RequestId).Append(']');
        }

        return text.ToString();
    }
}
