using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// The bearer-token endpoint's success body, e.g. <c>{"userId":"…","token":"bce-v3/ALTAK-…/…","status":"enable",
/// "createTime":"2024-11-28T06:09:57.000Z","expireTime":"2024-11-29T06:09:57.000Z"}</c> (UTC, camelCase as IAM writes it).
/// </summary>
internal sealed record BearerTokenBody(
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("createTime")] string CreateTime,
    [property: JsonPropertyName("expireTime")] string ExpireTime);
