using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Iam;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// Who may call the V2 API: <c>Authorization: Bearer {key}</c> with the configured V2 API Key or a bearer token from
/// <c>/v1/BCE-BEARER/token</c> that has not expired, or a valid <c>bce-auth-v1</c> signature with the IAM keys.
/// </summary>
internal static class V2Authentication
{
    private const string BearerScheme = "Bearer ";

    public static bool IsAuthenticated(HttpRequest request, EmulatorState state, V2State v2)
    {
        if (BceSignatureVerifier.IsSigned(request))
        {
            return BceSignatureVerifier.Verify(request, state.IamAccessKey, state.IamSecretKey, state.TimeProvider.GetUtcNow());
        }

        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var key = authorization[BearerScheme.Length..].Trim();
        return key.Length > 0
            && (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(v2.V2ApiKey))
                || v2.BearerTokens.IsValid(key));
    }
}
