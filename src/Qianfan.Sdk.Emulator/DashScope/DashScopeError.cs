using Microsoft.AspNetCore.Http;

namespace Qianfan.Sdk.Emulator.DashScope;

/// <summary>An error as DashScope answers it: an HTTP status and <c>{"code","message","request_id"}</c>.</summary>
internal sealed record DashScopeError(int StatusCode, string Code, string Message)
{
    /// <summary><paramref name="code"/> with its usual status and the service's text, unless given.</summary>
    public static DashScopeError Of(string code, string? message = null, int? statusCode = null) =>
        new(statusCode ?? StatusOf(code), code, message ?? MessageOf(code));

    public static DashScopeError InvalidParameter(string message) => new(StatusCodes.Status400BadRequest, "InvalidParameter", message);

    public static DashScopeError InvalidApiKey(bool missing) =>
        new(StatusCodes.Status401Unauthorized, "InvalidApiKey", missing ? "No API-key provided." : "Invalid API-key provided.");

    private static int StatusOf(string code) => code switch
    {
        "InvalidApiKey" => StatusCodes.Status401Unauthorized,
        "AccessDenied" or "Workspace.AccessDenied" or "Model.AccessDenied" or "AccessDenied.Unpurchased" => StatusCodes.Status403Forbidden,
        "ModelNotFound" or "WorkSpaceNotFound" => StatusCodes.Status404NotFound,
        "RequestTimeOut" => StatusCodes.Status408RequestTimeout,
        "BadRequest.TooLarge" => StatusCodes.Status413PayloadTooLarge,
        "BadRequest.InputDownloadFailed" or "BadRequest.UnsupportedFileFormat" => StatusCodes.Status415UnsupportedMediaType,
        "Throttling" or "Throttling.RateQuota" or "Throttling.AllocationQuota" or "LimitRequests"
            or "PrepaidBillOverdue" or "PostpaidBillOverdue" or "CommodityNotPurchased" => StatusCodes.Status429TooManyRequests,
        "ModelUnavailable" => StatusCodes.Status503ServiceUnavailable,
        _ when code.StartsWith("InternalError", StringComparison.Ordinal) || code is "SystemError" or "ModelServiceFailed" => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string MessageOf(string code) => code switch
    {
        "InvalidApiKey" => "Invalid API-key provided.",
        "Throttling" => "Requests throttling triggered.",
        "Throttling.RateQuota" => "Requests rate limit exceeded, please try again later.",
        "Throttling.AllocationQuota" => "Allocated quota exceeded, please increase your quota limit.",
        "LimitRequests" => "You exceeded your current requests list.",
        "DataInspectionFailed" => "Input data may contain inappropriate content.",
        "ModelUnavailable" => "Model is unavailable, please try again later.",
        "RequestTimeOut" => "Request timed out, please try again later.",
        "AccessDenied" => "Access denied.",
        "Arrearage" => "Access denied, please make sure your account is in good standing.",
        "UnsupportedOperation" => "The operation is unsupported on the referee object.",
        _ when code.StartsWith("InternalError", StringComparison.Ordinal) => "An internal error has occured, please try again later or contact service support.",
        _ => "The request failed: " + code + ".",
    };
}
