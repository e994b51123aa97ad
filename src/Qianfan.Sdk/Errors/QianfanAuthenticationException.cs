using System.Net;

namespace Qianfan.Sdk.Errors;

/// <summary>
/// The credentials were refused: the OAuth exchange of API Key and Secret Key answered an <c>error</c>
/// (for example <c>invalid_client</c>). Repeating the call will not help until the credentials are fixed.
/// </summary>
public sealed class QianfanAuthenticationException : QianfanException
{
    /// <summary>Creates an exception with no service details.</summary>
    public QianfanAuthenticationException()
        : this("Qianfan authentication failed.")
    {
    }

    /// <summary>Creates an exception with no service details.</summary>
    public QianfanAuthenticationException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with no service details.</summary>
    public QianfanAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Error = "unknown";
    }

    /// <summary>Creates an exception from the token endpoint's <c>error</c> and <c>error_description</c>.</summary>
    public QianfanAuthenticationException(string error, string? errorDescription, HttpStatusCode? statusCode, Exception? innerException = null)
        : base(null, $"authentication failed: {error}{(string.IsNullOrEmpty(errorDescription) ? "" : $" ({errorDescription})")}", null, statusCode, innerException)
    {
        Error = error;
        ErrorDescription = errorDescription;
    }

    /// <summary>The token endpoint's <c>error</c>, e.g. <c>invalid_client</c>.</summary>
    public string Error { get; }

    /// <summary>The token endpoint's <c>error_description</c>, e.g. <c>unknown client id</c>.</summary>
    public string? ErrorDescription { get; }

    /// <inheritdoc />
    public override bool IsRetryable => (int?)StatusCode >= 500;
}
