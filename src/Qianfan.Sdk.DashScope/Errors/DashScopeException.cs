using System.Net;
using System.Text;

namespace Qianfan.Sdk.DashScope.Errors;

/// <summary>
/// A failure DashScope reported (an error body <c>{"code","message","request_id"}</c> with any HTTP status, or an
/// <c>event:error</c> inside a stream), or an answer the SDK could not understand. Branch on <see cref="Code"/> (see
/// <see cref="DashScopeErrorCodes"/>), never on the message text.
/// </summary>
public class DashScopeException : Exception
{
    private readonly bool _fromService;

    /// <summary>Creates an exception with no service details.</summary>
    public DashScopeException()
        : this(message: "The DashScope service call failed.")
    {
    }

    /// <summary>Creates an exception with no service details.</summary>
    public DashScopeException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with no service details.</summary>
    public DashScopeException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ErrorMessage = message;
    }

    /// <summary>Creates an exception from the service's <c>code</c> and <c>message</c>.</summary>
    /// <param name="code">The service's <c>code</c> (e.g. <c>InvalidParameter</c>); null when the answer carried none.</param>
    /// <param name="errorMessage">The service's <c>message</c>, or what went wrong.</param>
    /// <param name="requestId">The service's <c>request_id</c>, where given.</param>
    /// <param name="statusCode">The HTTP status of the answer, where there was one (an error inside a stream comes with 200).</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public DashScopeException(string? code, string errorMessage, string? requestId = null, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(errorMessage, innerException)
    {
        _fromService = true;
        Code = code;
        ErrorMessage = errorMessage;
        RequestId = requestId;
        StatusCode = statusCode;
    }

    /// <summary>The service's error code (e.g. <c>Throttling.RateQuota</c>); null when the answer carried none.</summary>
    public string? Code { get; }

    /// <summary>The service's <c>message</c>, or a description of what went wrong.</summary>
    public string ErrorMessage { get; }

    /// <summary>The service's <c>request_id</c>, for support tickets.</summary>
    public string? RequestId { get; }

    /// <summary>The HTTP status of the answer, where there was one; 200 for an error event inside a stream.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>How long the service asked to wait before trying again (<c>Retry-After</c>), where it said.</summary>
    public TimeSpan? RetryAfter { get; internal set; }

    /// <summary>Whether repeating the same call later may succeed (<see cref="DashScopeErrorCodes.IsRetryable"/>).</summary>
    public virtual bool IsRetryable => DashScopeErrorCodes.IsRetryable(Code, ErrorMessage, StatusCode);

    /// <summary>What to check, added to the message (e.g. the region of a rejected key); never a secret.</summary>
    internal string? Hint { get; init; }

    /// <summary>The code, the message, the HTTP status and the request id, as one line.</summary>
    public override string Message => _fromService ? Describe() : base.Message;

    private string Describe()
    {
        var text = new StringBuilder("DashScope error");
        if (Code is not null)
        {
            text.Append(' ').Append(Code);
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

        if (Hint is not null)
        {
            text.Append(". ").Append(Hint);
        }

        return text.ToString();
    }
}
