using System.Net;
using System.Text;

namespace Qianfan.Sdk.Errors;

/// <summary>
/// A failure the Qianfan service reported, or an answer the SDK could not understand. Branch on
/// <see cref="ErrorCode"/> (see <see cref="QianfanErrorCodes"/>), never on the message text.
/// </summary>
public class QianfanException : Exception
{
    /// <summary>Creates an exception with no service details.</summary>
    public QianfanException()
        : this(message: "The Qianfan service call failed.")
    {
    }

    /// <summary>Creates an exception with no service details.</summary>
    public QianfanException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with no service details.</summary>
    public QianfanException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ErrorMessage = message;
    }

    /// <summary>Creates an exception from the service's <c>error_code</c> and <c>error_msg</c>.</summary>
    /// <param name="errorCode">The service's <c>error_code</c>; null when the answer carried none.</param>
    /// <param name="errorMessage">The service's <c>error_msg</c>, or what went wrong.</param>
    /// <param name="requestId">The service's request id (<c>X-Baidu-Request-Id</c>), where given.</param>
    /// <param name="statusCode">The HTTP status of the answer, where there was one.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public QianfanException(int? errorCode, string errorMessage, string? requestId = null, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(errorMessage, innerException)
    {
        _fromService = true;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        RequestId = requestId;
        StatusCode = statusCode;
    }

    private readonly bool _fromService;

    /// <summary>The service's <c>error_code</c> (see <see cref="QianfanErrorCodes"/>); null when the answer carried none.</summary>
    public int? ErrorCode { get; }

    /// <summary>The V2 API's string error code (<c>error.code</c>, e.g. <c>invalid_model</c>); null for V1 answers.</summary>
    public string? ErrorName { get; init; }

    /// <summary>The service's <c>error_msg</c>, or a description of what went wrong.</summary>
    public string ErrorMessage { get; }

    /// <summary>The request id the service gave (<c>X-Baidu-Request-Id</c>), for support tickets.</summary>
    public string? RequestId { get; }

    /// <summary>The HTTP status of the answer, where there was one (V1 reports most errors with 200).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>How long the service asked to wait before trying again (<c>Retry-After</c>), where it said.</summary>
    public TimeSpan? RetryAfter { get; internal set; }

    /// <summary>
    /// Whether repeating the same call later may succeed: the service's "try again" codes (overload, QPS/RPM/TPM
    /// limits) and V2's rate-limit names, whatever the HTTP status, and HTTP 408, 429 and 5xx.
    /// </summary>
    public virtual bool IsRetryable =>
        (ErrorCode is { } code && QianfanErrorCodes.IsRetryable(code))
        || QianfanErrorCodes.IsRetryableName(ErrorName)
        || StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        || (int?)StatusCode >= 500;

    /// <summary>The error code (or V2 error name), the message, the HTTP status and the request id, as one line.</summary>
    public override string Message => _fromService ? Describe(ErrorCode, ErrorName, ErrorMessage, RequestId, StatusCode) : base.Message;

    private static string Describe(int? errorCode, string? errorName, string errorMessage, string? requestId, HttpStatusCode? statusCode)
    {
        var text = new StringBuilder("Qianfan error");
        if (errorCode is { } code)
        {
            text.Append(' ').Append(code);
        }

        if (errorName is not null)
        {
            text.Append(' ').Append(errorName);
        }

        text.Append(": ").Append(errorMessage);
        if (statusCode is { } status && status != HttpStatusCode.OK)
        {
            text.Append(" (HTTP ").Append((int)status).Append(')');
        }

        if (requestId is not null)
        {
            text.Append(" [request id ").Append(requestId).Append(']');
        }

        return text.ToString();
    }
}
