using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Http;

/// <summary>The V1 error body, <c>{"error_code":N,"error_msg":"…"}</c>.</summary>
internal sealed class ErrorEnvelope
{
    [JsonPropertyName("error_code")]
    public int? ErrorCode { get; init; }

    [JsonPropertyName("error_msg")]
    public string? ErrorMessage { get; init; }
}
