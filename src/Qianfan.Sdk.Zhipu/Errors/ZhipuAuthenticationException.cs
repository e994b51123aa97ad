using System.Net;

namespace Qianfan.Sdk.Zhipu.Errors;

/// <summary>
/// The service refused the credential (codes 1000–1005, HTTP 401): a wrong or missing API key, or a JWT it found
/// invalid or expired. With <c>ZhipuAuthentication.Jwt</c> the SDK has already minted a new token and repeated
/// the call once; repeating will not help until the key is fixed.
/// </summary>
public sealed class ZhipuAuthenticationException : ZhipuException
{
    /// <summary>Creates an exception with no service details.</summary>
    public ZhipuAuthenticationException()
        : this("Zhipu authentication failed.")
    {
    }

    /// <summary>Creates an exception with no service details.</summary>
    public ZhipuAuthenticationException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with no service details.</summary>
    public ZhipuAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception from the service's code and message.</summary>
    public ZhipuAuthenticationException(string? errorCode, string errorMessage, string? requestId = null, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(errorCode, errorMessage, requestId, statusCode, innerException)
    {
    }

    /// <inheritdoc />
    public override bool IsRetryable => false;
}
