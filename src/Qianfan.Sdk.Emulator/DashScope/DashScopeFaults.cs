using Qianfan.Sdk.Emulator.Errors;

namespace Qianfan.Sdk.Emulator.DashScope;

/// <summary>
/// The shared scenarios' errors (written as V1 codes) in DashScope's words: the QPS and RPM limits as 429
/// <c>Throttling.RateQuota</c>, the TPM limit as 429 <c>Throttling.AllocationQuota</c>, overload as 503
/// <c>ModelUnavailable</c>, and anything else (an expired token, which DashScope's keys never are) as 500 <c>InternalError</c>.
/// </summary>
internal static class DashScopeFaults
{
    public static DashScopeError From(ServiceError error) => error.Code switch
    {
        ErrorCodes.QpsLimitReached or ErrorCodes.RpmLimitReached => DashScopeError.Of("Throttling.RateQuota"),
        ErrorCodes.TpmLimitReached => DashScopeError.Of("Throttling.AllocationQuota"),
        ErrorCodes.ServerHighLoad => DashScopeError.Of("ModelUnavailable"),
        _ => DashScopeError.Of("InternalError"),
    };
}
