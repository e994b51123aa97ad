using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>
/// Checks a bearer credential as the service does: the API key itself, or a JWT the official SDKs sign with it — header
/// <c>{"alg":"HS256","sign_type":"SIGN",…}</c>, payload <c>{"api_key":id,"exp":ms,"timestamp":ms}</c>, HMAC-SHA256
/// under the key's secret. A token that is not one of these is 401 <c>1002</c> (invalid), one whose signature does not
/// verify or whose <c>api_key</c> is another key's 401 <c>1004</c>, one whose <c>exp</c> (Unix milliseconds) has passed
/// on the emulator's clock 401 <c>1003</c> (expired).
/// </summary>
internal static class ZhipuTokenCheck
{
    public static ZhipuError? Check(string credential, ZhipuState zhipu, DateTimeOffset now)
    {
        if (string.Equals(credential, zhipu.ApiKey, StringComparison.Ordinal))
        {
            return null;
        }

        if (credential.Split('.') is not [var header, var payload, var signature] || zhipu.Secret.Length == 0)
        {
            return ZhipuError.Of("1002");
        }

        JsonElement claims;
        try
        {
            using var head = JsonDocument.Parse(Base64Url.DecodeFromChars(header));
            if (head.RootElement.ValueKind != JsonValueKind.Object
                || !head.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "HS256"
                || !head.RootElement.TryGetProperty("sign_type", out var signType) || signType.ValueKind != JsonValueKind.String || signType.GetString() != "SIGN")
            {
                return ZhipuError.Of("1002");
            }

            using var body = JsonDocument.Parse(Base64Url.DecodeFromChars(payload));
            claims = body.RootElement.Clone();
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return ZhipuError.Of("1002");
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(zhipu.Secret), Encoding.ASCII.GetBytes(header + "." + payload));
        byte[] sent;
        try
        {
            sent = Base64Url.DecodeFromChars(signature);
        }
        catch (FormatException)
        {
            return ZhipuError.Of("1002");
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, sent)
            || claims.ValueKind != JsonValueKind.Object
            || !claims.TryGetProperty("api_key", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() != zhipu.KeyId)
        {
            return ZhipuError.Of("1004");
        }

        if (!claims.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expires) || !claims.TryGetProperty("timestamp", out var ts) || !ts.TryGetInt64(out _))
        {
            return ZhipuError.Of("1002");
        }

        return expires <= now.ToUnixTimeMilliseconds() ? ZhipuError.Of("1003") : null;
    }
}
