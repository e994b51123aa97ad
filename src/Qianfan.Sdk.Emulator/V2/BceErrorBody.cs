using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>The error body of Baidu Cloud's own APIs (IAM among them): <c>{"requestId":"…","code":"AccessDenied","message":"…"}</c>.</summary>
internal sealed record BceErrorBody(
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);
