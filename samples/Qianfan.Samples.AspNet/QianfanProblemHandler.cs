using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Qianfan.Sdk.Errors;

namespace Qianfan.Samples.AspNet;

/// <summary>
/// Turns the SDK's exceptions into problem details: a request that breaks one of the service's rules is the caller's
/// fault (400, naming the field); credentials the app lacks for the call are its configuration's fault (503, naming
/// the settings to give); credentials the service refused are a bad gateway naming the settings to check (502); any
/// other service error is a bad gateway (502, with the service's code and message), and so is a service that cannot
/// be reached; one that does not answer in time is a gateway timeout (504); an option the model's API cannot honour
/// (Microsoft.Extensions.AI's NotSupportedException) is the caller's (400).
/// Exception messages of the SDK never contain secrets, so they may be shown.
/// </summary>
internal sealed partial class QianfanProblemHandler(ILogger<QianfanProblemHandler> logger)
    : IExceptionHandler
{
    private const string ConfigurationHint =
        "Set them in the app's Qianfan configuration section (Qianfan:ApiKey and Qianfan:SecretKey, Qianfan:IamAccessKey and Qianfan:IamSecretKey, "
        + "Qianfan:AccessToken or Qianfan:V2ApiKey; e.g. dotnet user-secrets set Qianfan:ApiKey …) or in the environment (QIANFAN_AK and QIANFAN_SK …), then restart it.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            QianfanValidationException invalid => new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { [FieldOf(invalid)] = [invalid.Message] })
            {
                Status = StatusCodes.Status400BadRequest,
            },
            QianfanAuthenticationException { Error: "missing_credentials" } missing => MissingCredentials(missing),
            QianfanAuthenticationException refused => RefusedCredentials(refused),
            QianfanException failed => ServiceProblem(failed),
            HttpRequestException unreachable => Unreachable(unreachable),
            NotSupportedException unsupported => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The model cannot honour this request.",
                Detail = unsupported.Message,
            },
            TimeoutException slow => TimedOut(slow),

            // Unreadable JSON; thrown only in Development (elsewhere minimal APIs answer 400 by themselves).
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request is invalid.", Detail = bad.Message },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        // Through IProblemDetailsService (traceId and the like), falling back to plain JSON for a client whose Accept
        // header does not name JSON (the browser asks the stream endpoint for text/event-stream).
        await TypedResults.Problem(problem).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The browser sends the conversation and its new <c>message</c>; the SDK names a turn <c>messages[i].content</c>.</summary>
    private static string FieldOf(QianfanValidationException invalid) =>
        invalid.ParamName switch
        {
            null or "" => "request",
            var name when name.StartsWith("messages", StringComparison.Ordinal) => "message",
            var name => name,
        };

    private ProblemDetails ServiceProblem(QianfanException failed)
    {
        var code = (object?)failed.ErrorCode ?? failed.ErrorName;    // V1's number, V2's name
        LogServiceError(logger, code, failed.ErrorMessage, failed.RequestId);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status502BadGateway,
            Title = "The Qianfan service reported an error.",
            Detail = failed.ErrorMessage,
        };
        problem.Extensions["errorCode"] = code;
        if (failed.RequestId is not null)
        {
            problem.Extensions["requestId"] = failed.RequestId;
        }

        return problem;
    }

    /// <summary>The app has no credentials for the API the call needs: the fix is in its configuration.</summary>
    private ProblemDetails MissingCredentials(QianfanAuthenticationException missing)
    {
        LogCredentialProblem(logger, missing.Error, missing.ErrorMessage);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "This app has no Qianfan credentials for this call.",
            Detail = $"{missing.ErrorDescription} {ConfigurationHint}",
        };
        problem.Extensions["errorCode"] = missing.Error;
        return problem;
    }

    /// <summary>The service refused the app's credentials (a wrong key, a token it rejects): the fix is in the settings named.</summary>
    private ProblemDetails RefusedCredentials(QianfanAuthenticationException refused)
    {
        LogCredentialProblem(logger, refused.Error, refused.ErrorMessage);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status502BadGateway,
            Title = "The Qianfan service refused this app's credentials.",
            Detail = $"{refused.ErrorMessage}. Check the credentials the app is configured with: {ConfigurationHint}",
        };
        problem.Extensions["errorCode"] = refused.Error;
        if (refused.RequestId is not null)
        {
            problem.Extensions["requestId"] = refused.RequestId;
        }

        return problem;
    }

    private ProblemDetails Unreachable(HttpRequestException unreachable)
    {
        LogUnreachable(logger, unreachable.HttpRequestError);
        return new ProblemDetails
        {
            Status = StatusCodes.Status502BadGateway,
            Title = "The Qianfan service could not be reached.",
        };
    }

    private ProblemDetails TimedOut(TimeoutException slow)
    {
        LogTimedOut(logger, slow.Message);
        return new ProblemDetails
        {
            Status = StatusCodes.Status504GatewayTimeout,
            Title = "The Qianfan service did not answer in time.",
            Detail = slow.Message,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Qianfan error {ErrorCode}: {ErrorMessage} (request id {RequestId})")]
    private static partial void LogServiceError(ILogger logger, object? errorCode, string errorMessage, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Qianfan credentials problem {Error}: {ErrorMessage}")]
    private static partial void LogCredentialProblem(ILogger logger, string error, string errorMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Qianfan service could not be reached ({Error})")]
    private static partial void LogUnreachable(ILogger logger, HttpRequestError error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Qianfan service did not answer in time: {Reason}")]
    private static partial void LogTimedOut(ILogger logger, string reason);
}
