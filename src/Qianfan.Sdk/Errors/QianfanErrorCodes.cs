namespace Qianfan.Sdk.Errors;

/// <summary>The V1 service's <c>error_code</c> values that callers commonly branch on.</summary>
public static class QianfanErrorCodes
{
    /// <summary>Unknown error.</summary>
    public const int UnknownError = 1;

    /// <summary>Service temporarily unavailable; retryable.</summary>
    public const int ServiceUnavailable = 2;

    /// <summary>Unsupported method: the endpoint does not exist.</summary>
    public const int UnsupportedMethod = 3;

    /// <summary>Cluster-wide request limit reached.</summary>
    public const int RequestLimitReached = 4;

    /// <summary>No permission to access the data.</summary>
    public const int NoPermissionToAccessData = 6;

    /// <summary>Getting the service token failed.</summary>
    public const int GetServiceTokenFailed = 13;

    /// <summary>IAM certification failed.</summary>
    public const int IamCertificationFailed = 14;

    /// <summary>The application does not exist; retryable.</summary>
    public const int AppNotExist = 15;

    /// <summary>Daily request limit reached.</summary>
    public const int DailyLimitReached = 17;

    /// <summary>Queries-per-second limit reached; retryable.</summary>
    public const int QpsLimitReached = 18;

    /// <summary>Total request limit reached.</summary>
    public const int TotalRequestLimitReached = 19;

    /// <summary>Invalid request.</summary>
    public const int InvalidRequest = 100;

    /// <summary>The access token is invalid: the SDK gets a new one and repeats the call once.</summary>
    public const int AccessTokenInvalid = 110;

    /// <summary>The access token expired: the SDK gets a new one and repeats the call once.</summary>
    public const int AccessTokenExpired = 111;

    /// <summary>Internal error.</summary>
    public const int InternalError = 336000;

    /// <summary>Invalid argument.</summary>
    public const int InvalidArgument = 336001;

    /// <summary>The body is not valid JSON.</summary>
    public const int InvalidJson = 336002;

    /// <summary>A parameter broke the service's rules.</summary>
    public const int InvalidParam = 336003;

    /// <summary>Permission error.</summary>
    public const int PermissionError = 336004;

    /// <summary>The API name does not exist.</summary>
    public const int ApiNameNotExist = 336005;

    /// <summary>The server is under high load ("try again later"); retryable.</summary>
    public const int ServerHighLoad = 336100;

    /// <summary>Invalid HTTP method.</summary>
    public const int InvalidHttpMethod = 336101;

    /// <summary>The <c>system</c> argument is invalid.</summary>
    public const int InvalidArgumentSystem = 336104;

    /// <summary>The <c>user_setting</c> argument is invalid.</summary>
    public const int InvalidArgumentUserSetting = 336105;

    /// <summary>Requests-per-minute limit reached; retryable.</summary>
    public const int RpmLimitReached = 336501;

    /// <summary>Tokens-per-minute limit reached; retryable.</summary>
    public const int TpmLimitReached = 336502;

    /// <summary>Whether the service says a call that failed with <paramref name="errorCode"/> may succeed if repeated.</summary>
    public static bool IsRetryable(int errorCode) => errorCode is
        ServiceUnavailable or AppNotExist or QpsLimitReached or ServerHighLoad or RpmLimitReached or TpmLimitReached;

    /// <summary>
    /// Whether a V2 error name says the same as a retryable V1 code: the rate limits (<c>rpm_rate_limit_exceeded</c>,
    /// <c>tpm_rate_limit_exceeded</c>, <c>user_rate_limit_exceeded</c>). The V2 API answers them with HTTP 429, which is
    /// retryable anyway; this covers the gateways that answer them with HTTP 200.
    /// </summary>
    internal static bool IsRetryableName(string? errorName) =>
        errorName is "rpm_rate_limit_exceeded" or "tpm_rate_limit_exceeded" or "user_rate_limit_exceeded";

    internal static bool IsTokenRejected(int? errorCode) => errorCode is AccessTokenInvalid or AccessTokenExpired;
}
