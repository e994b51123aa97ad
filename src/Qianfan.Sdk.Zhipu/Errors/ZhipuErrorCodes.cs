using System.Net;

namespace Qianfan.Sdk.Zhipu.Errors;

/// <summary>
/// The business codes Zhipu's service documents (<c>error.code</c>, strings of digits), and which of them are worth
/// repeating. Compare <see cref="ZhipuException.ErrorCode"/> with these rather than parsing messages.
/// </summary>
public static class ZhipuErrorCodes
{
    /// <summary>500: an internal error; retryable.</summary>
    public const string InternalError = "500";

    /// <summary>1000: authentication failed.</summary>
    public const string AuthenticationFailed = "1000";

    /// <summary>1001: the request had no <c>Authorization</c> header.</summary>
    public const string MissingAuthorization = "1001";

    /// <summary>1002: the token is invalid (a JWT is minted again once).</summary>
    public const string TokenInvalid = "1002";

    /// <summary>1003: the token has expired (a JWT is minted again once).</summary>
    public const string TokenExpired = "1003";

    /// <summary>1004: the token's signature did not verify.</summary>
    public const string TokenVerificationFailed = "1004";

    /// <summary>1005: the account needs a two-factor login.</summary>
    public const string TwoFactorRequired = "1005";

    /// <summary>1113: the account is in arrears (余额不足); HTTP 429, and not worth repeating until it is topped up.</summary>
    public const string InsufficientBalance = "1113";

    /// <summary>1120: the account cannot be accessed just now; retryable.</summary>
    public const string AccountUnavailable = "1120";

    /// <summary>1200: the API call failed on the service's side; retryable.</summary>
    public const string ApiCallFailed = "1200";

    /// <summary>1210: a parameter is not valid (e.g. <c>temperature</c> out of range).</summary>
    public const string InvalidParameters = "1210";

    /// <summary>1211: the model does not exist.</summary>
    public const string ModelNotFound = "1211";

    /// <summary>1212: the model does not support this method.</summary>
    public const string MethodNotSupported = "1212";

    /// <summary>1213: a field is missing.</summary>
    public const string MissingField = "1213";

    /// <summary>1214: a field is not valid (e.g. an assistant message with neither content nor tool calls).</summary>
    public const string InvalidField = "1214";

    /// <summary>1231: a request with this <c>request_id</c> was already received.</summary>
    public const string DuplicateRequest = "1231";

    /// <summary>1234: a network error on the service's side; retryable.</summary>
    public const string NetworkError = "1234";

    /// <summary>1261: the prompt is too long.</summary>
    public const string PromptTooLong = "1261";

    /// <summary>1301: the input or output was judged unsafe.</summary>
    public const string ContentBlocked = "1301";

    /// <summary>1302: too many concurrent requests; HTTP 429, retryable.</summary>
    public const string ConcurrencyExceeded = "1302";

    /// <summary>1303: requests too frequent; HTTP 429, retryable.</summary>
    public const string FrequencyExceeded = "1303";

    /// <summary>1304: the daily call quota is used up; not worth repeating until tomorrow.</summary>
    public const string DailyQuotaReached = "1304";

    /// <summary>1305: the API's traffic limit, the model overloaded; retryable.</summary>
    public const string TrafficLimited = "1305";

    /// <summary>1308: a usage cap is reached until its reset time.</summary>
    public const string UsageCapReached = "1308";

    /// <summary>1312: the model is overloaded; retryable.</summary>
    public const string ModelOverloaded = "1312";

    /// <summary>1313: the account is throttled for fair use.</summary>
    public const string FairUseThrottled = "1313";

    private static readonly HashSet<string> Retryable = new(StringComparer.Ordinal)
    {
        InternalError, AccountUnavailable, ApiCallFailed, NetworkError, ConcurrencyExceeded, FrequencyExceeded, TrafficLimited, ModelOverloaded,
    };

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        InternalError, AuthenticationFailed, MissingAuthorization, TokenInvalid, TokenExpired, TokenVerificationFailed, TwoFactorRequired,
        "1100", "1110", "1111", "1112", InsufficientBalance, AccountUnavailable, "1121",
        ApiCallFailed, InvalidParameters, ModelNotFound, MethodNotSupported, MissingField, InvalidField, "1215", "1220", "1221", "1222", "1230",
        DuplicateRequest, NetworkError, PromptTooLong, "1300", ContentBlocked, ConcurrencyExceeded, FrequencyExceeded, DailyQuotaReached,
        TrafficLimited, UsageCapReached, "1309", "1310", "1311", ModelOverloaded, FairUseThrottled,
    };

    /// <summary>
    /// Whether a failure with this business code (and HTTP status) may succeed when repeated: a documented code decides
    /// on its own; without one (or with a code the table does not have) HTTP 408, 429 and 5xx are.
    /// </summary>
    public static bool IsRetryable(string? errorCode, HttpStatusCode? statusCode)
    {
        if (errorCode is not null && Known.Contains(errorCode))
        {
            return Retryable.Contains(errorCode);
        }

        return statusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int?)statusCode >= 500;
    }

    /// <summary>Whether the code says the credential was refused (1000–1005).</summary>
    public static bool IsAuthentication(string? errorCode) =>
        errorCode is AuthenticationFailed or MissingAuthorization or TokenInvalid or TokenExpired or TokenVerificationFailed or TwoFactorRequired;
}
