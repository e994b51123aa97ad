using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Errors;
using Qianfan.Sdk.Emulator.Iam;
using Qianfan.Sdk.Emulator.OAuth;

namespace Qianfan.Sdk.Emulator.Hosting;

/// <summary>
/// The V1 gateway's credential check, the same for every V1 API (chat, completions, embeddings, rerank, images,
/// tokenizer): an <c>access_token</c> that is known and not expired (110, 111; <see cref="EmulatorScenarios.ExpireTokensAfterCalls"/>
/// counts every call), or without one a valid <c>bce-auth-v1</c> signature (14); then an error armed with
/// <see cref="EmulatorScenarios.FailNextChatCalls"/>.
/// </summary>
internal static class V1Access
{
    public static ServiceError? Check(HttpRequest request, EmulatorState state)
    {
        var token = request.Query["access_token"].ToString();
        if (token.Length == 0 && BceSignatureVerifier.IsSigned(request))
        {
            return !BceSignatureVerifier.Verify(request, state.IamAccessKey, state.IamSecretKey, state.TimeProvider.GetUtcNow())
                ? ServiceError.Of(ErrorCodes.IamCertificationFailed)
                : state.Scenarios.ChatErrors.TryTake(out var injectedError) ? injectedError : null;
        }

        switch (state.Tokens.Check(token, state.Scenarios.ExpireTokensAfterCalls))
        {
            case TokenCheck.Invalid:
                return ServiceError.Of(ErrorCodes.AccessTokenInvalid);
            case TokenCheck.Expired:
                return ServiceError.Of(ErrorCodes.AccessTokenExpired);
        }

        return state.Scenarios.ChatErrors.TryTake(out var injected) ? injected : null;
    }
}
