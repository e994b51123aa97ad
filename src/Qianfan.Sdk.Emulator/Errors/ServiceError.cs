namespace Qianfan.Sdk.Emulator.Errors;

/// <summary>An error the V1 service reports inside an HTTP 200 body as <c>{"error_code":N,"error_msg":"..."}</c>.</summary>
internal sealed record ServiceError(int Code, string Message)
{
    public static ServiceError Of(int code) => new(code, ErrorMessages.For(code));
}
