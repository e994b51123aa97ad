using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Iam;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// The V2 gateway's checks, the same for every V2 API (chat, embeddings, rerankers, images): POST (405), a valid
/// credential (401 <c>invalid_iam_token</c>), then an error armed with <see cref="EmulatorScenarios.FailNextChatCalls"/>
/// in its V2 form.
/// </summary>
/// <remarks>
/// A credential is <c>Authorization: Bearer {key}</c> where the key is the configured V2 API Key or a bearer token from
/// <c>/v1/BCE-BEARER/token</c> that has not expired, or a valid <c>bce-auth-v1</c> signature with the IAM keys.
/// </remarks>
internal static class V2Access
{
    private const string BearerScheme = "Bearer ";

    public static V2Error? Check(HttpRequest request, EmulatorState state, V2State v2)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return V2Error.MethodNotSupported();
        }

        if (!IsAuthenticated(request, state, v2))
        {
            return V2Error.IamCertificationFailed();
        }

        return state.Scenarios.ChatErrors.TryTake(out var injected) ? V2ErrorMapping.From(injected) : null;
    }

    private static bool IsAuthenticated(HttpRequest request, EmulatorState state, V2State v2)
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
