namespace Qianfan.Sdk.Emulator.Errors;

/// <summary>The V1 error codes the emulator produces on its own (the rest come only from scenarios).</summary>
internal static class ErrorCodes
{
    public const int UnsupportedMethod = 3;
    public const int IamCertificationFailed = 14;
    public const int QpsLimitReached = 18;
    public const int AccessTokenInvalid = 110;
    public const int AccessTokenExpired = 111;
    public const int InternalError = 336000;
    public const int InvalidJson = 336002;
    public const int InvalidParam = 336003;
    public const int ServerHighLoad = 336100;
    public const int InvalidHttpMethod = 336101;
    public const int RpmLimitReached = 336501;
    public const int TpmLimitReached = 336502;
}
