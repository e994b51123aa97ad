namespace Qianfan.Sdk.Emulator.Serialization;

/// <summary>The V1 error body: exactly <c>error_code</c> and <c>error_msg</c>.</summary>
internal sealed record ErrorBody(int ErrorCode, string ErrorMsg);
