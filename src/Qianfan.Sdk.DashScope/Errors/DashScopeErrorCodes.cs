using System.Net;

namespace Qianfan.Sdk.DashScope.Errors;

/// <summary>
/// DashScope's error codes (<c>code</c> in an error body, e.g. <c>Throttling.RateQuota</c>) and whether repeating a
/// call that failed with one may succeed. Branch on <see cref="DashScopeException.Code"/>, never on the message.
/// </summary>
/// <remarks>
/// Repeatable: <see cref="RequestTimeOut"/>, the throttling codes (<see cref="Throttling"/>, <see cref="ThrottlingRateQuota"/>,
/// <see cref="LimitRequests"/>, and <see cref="ThrottlingAllocationQuota"/> unless its message says the free quota is
/// used up), the internal errors (<see cref="InternalError"/> and its kinds, <see cref="SystemError"/>,
/// <see cref="ModelServiceFailed"/> …) and <see cref="ModelUnavailable"/>. Never: parameters, content inspection,
/// the API key, access, missing models, payload size or format, and billing. A code this table does not know is judged
/// by its HTTP status (408, 429 and 5xx repeat).
/// </remarks>
public static class DashScopeErrorCodes
{
    /// <summary>A parameter is missing or invalid (HTTP 400).</summary>
    public const string InvalidParameter = "InvalidParameter";

    /// <summary>The input or output may contain inappropriate content (HTTP 400).</summary>
    public const string DataInspectionFailed = "DataInspectionFailed";

    /// <summary>The input is empty (HTTP 400).</summary>
    public const string EmptyInput = "BadRequest.EmptyInput";

    /// <summary>The parameters are empty (HTTP 400).</summary>
    public const string EmptyParameters = "BadRequest.EmptyParameters";

    /// <summary>The model is empty (HTTP 400).</summary>
    public const string EmptyModel = "BadRequest.EmptyModel";

    /// <summary>A URL in the request is invalid (HTTP 400).</summary>
    public const string InvalidUrl = "InvalidURL";

    /// <summary>The account is overdue (HTTP 400).</summary>
    public const string Arrearage = "Arrearage";

    /// <summary>The operation is not possible now, e.g. cancelling a task that is no longer pending (HTTP 400).</summary>
    public const string UnsupportedOperation = "UnsupportedOperation";

    /// <summary>The API key is invalid, or belongs to another region than the host it was sent to (HTTP 401).</summary>
    public const string InvalidApiKey = "InvalidApiKey";

    /// <summary>Access denied, e.g. a synchronous call to an API that only takes asynchronous ones (HTTP 403).</summary>
    public const string AccessDenied = "AccessDenied";

    /// <summary>The workspace may not use this (HTTP 403).</summary>
    public const string WorkspaceAccessDenied = "Workspace.AccessDenied";

    /// <summary>The account may not use this model (HTTP 403).</summary>
    public const string ModelAccessDenied = "Model.AccessDenied";

    /// <summary>The model was not purchased (HTTP 403).</summary>
    public const string AccessDeniedUnpurchased = "AccessDenied.Unpurchased";

    /// <summary>No such model (HTTP 404).</summary>
    public const string ModelNotFound = "ModelNotFound";

    /// <summary>No such workspace (HTTP 404).</summary>
    public const string WorkspaceNotFound = "WorkSpaceNotFound";

    /// <summary>The request timed out at the service; try again later (HTTP 408).</summary>
    public const string RequestTimeOut = "RequestTimeOut";

    /// <summary>The payload is too large (HTTP 413).</summary>
    public const string TooLarge = "BadRequest.TooLarge";

    /// <summary>An input file could not be downloaded (HTTP 415).</summary>
    public const string InputDownloadFailed = "BadRequest.InputDownloadFailed";

    /// <summary>An input file's format is not supported (HTTP 415).</summary>
    public const string UnsupportedFileFormat = "BadRequest.UnsupportedFileFormat";

    /// <summary>Throttling was triggered (HTTP 429).</summary>
    public const string Throttling = "Throttling";

    /// <summary>Requests rate limit exceeded (HTTP 429).</summary>
    public const string ThrottlingRateQuota = "Throttling.RateQuota";

    /// <summary>
    /// An allocated quota (tokens per minute …) is exceeded (HTTP 429): repeatable after a wait — unless the message says
    /// <c>Free allocated quota exceeded</c>, which no wait cures.
    /// </summary>
    public const string ThrottlingAllocationQuota = "Throttling.AllocationQuota";

    /// <summary>Too many requests are queued (HTTP 429).</summary>
    public const string LimitRequests = "LimitRequests";

    /// <summary>A prepaid bill is overdue (HTTP 429).</summary>
    public const string PrepaidBillOverdue = "PrepaidBillOverdue";

    /// <summary>A postpaid bill is overdue (HTTP 429).</summary>
    public const string PostpaidBillOverdue = "PostpaidBillOverdue";

    /// <summary>The commodity was not purchased (HTTP 429).</summary>
    public const string CommodityNotPurchased = "CommodityNotPurchased";

    /// <summary>An internal error (HTTP 500).</summary>
    public const string InternalError = "InternalError";

    /// <summary>An algorithm error: at HTTP 500 passing; at HTTP 400 a multimodal URL or payload the model cannot take.</summary>
    public const string InternalErrorAlgo = "InternalError.Algo";

    /// <summary>An internal timeout (HTTP 500).</summary>
    public const string InternalErrorTimeout = "InternalError.Timeout";

    /// <summary>A system error (HTTP 500).</summary>
    public const string SystemError = "SystemError";

    /// <summary>The model service failed (HTTP 500).</summary>
    public const string ModelServiceFailed = "ModelServiceFailed";

    /// <summary>The model is unavailable for now; try again later (HTTP 503).</summary>
    public const string ModelUnavailable = "ModelUnavailable";

    /// <summary>The message of <see cref="ThrottlingAllocationQuota"/> that means the free quota is used up, not a passing limit.</summary>
    public const string FreeQuotaExceededMessage = "Free allocated quota exceeded";

    private static readonly HashSet<string> Repeatable = new(StringComparer.Ordinal)
    {
        RequestTimeOut, Throttling, ThrottlingRateQuota, ThrottlingAllocationQuota, LimitRequests,
        InternalError, InternalErrorAlgo, InternalErrorTimeout, SystemError, ModelServiceFailed, "InvokePluginFailed",
        "AppProcessFailed", "RewriteFailed", "RetrivalFailed", ModelUnavailable,
    };

    private static readonly HashSet<string> Final = new(StringComparer.Ordinal)
    {
        InvalidParameter, DataInspectionFailed, EmptyInput, EmptyParameters, EmptyModel, InvalidUrl, Arrearage,
        UnsupportedOperation, "FaqRuleBlocked", "CustomRoleBlocked", "invalid_request_error", "invalid_parameter_error",
        InvalidApiKey, AccessDenied, WorkspaceAccessDenied, ModelAccessDenied, AccessDeniedUnpurchased, ModelNotFound,
        WorkspaceNotFound, TooLarge, InputDownloadFailed, UnsupportedFileFormat, PrepaidBillOverdue, PostpaidBillOverdue,
        CommodityNotPurchased,
    };

    /// <summary>
    /// Whether a call that failed with <paramref name="code"/> may succeed when repeated later (see the remarks). The
    /// <paramref name="message"/> decides <see cref="ThrottlingAllocationQuota"/>; the <paramref name="statusCode"/>
    /// decides <see cref="InternalErrorAlgo"/> and codes the table does not know.
    /// </summary>
    public static bool IsRetryable(string? code, string? message = null, HttpStatusCode? statusCode = null)
    {
        if (code == ThrottlingAllocationQuota)
        {
            return message?.Contains(FreeQuotaExceededMessage, StringComparison.OrdinalIgnoreCase) != true;
        }

        if (code == InternalErrorAlgo)
        {
            return (int?)statusCode is not (>= 400 and < 500);
        }

        if (code is not null && Repeatable.Contains(code))
        {
            return true;
        }

        if (code is not null && Final.Contains(code))
        {
            return false;
        }

        return statusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int?)statusCode >= 500;
    }
}
