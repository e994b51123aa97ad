using Qianfan.Sdk.Emulator.Errors;

namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>
/// The shared scenarios' errors (written as V1 codes) in Zhipu's words: the QPS limit as 429 <c>1302</c> (concurrency
/// too high), the RPM limit as 429 <c>1303</c> (frequency too high), the TPM limit as 429 <c>1305</c> (the API's
/// traffic limit), overload as 503 <c>1312</c> (the model overloaded), and anything else (an expired token, which a
/// Zhipu key never is) as 500 <c>500</c>.
/// </summary>
internal static class ZhipuFaults
{
    public static ZhipuError From(ServiceError error) => error.Code switch
    {
        ErrorCodes.QpsLimitReached => ZhipuError.Of("1302"),
        ErrorCodes.RpmLimitReached => ZhipuError.Of("1303"),
        ErrorCodes.TpmLimitReached => ZhipuError.Of("1305"),
        ErrorCodes.ServerHighLoad => ZhipuError.Of("1312"),
        _ => ZhipuError.Of("500"),
    };
}
