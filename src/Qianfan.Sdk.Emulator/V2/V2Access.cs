using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Iam;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// The V2 gateway's checks, the same for every V2 API (chat, embeddings, rerankers, images): POST (405), a valid
/// credential (<see cref="V2Authentication"/>; else 401 <c>invalid_iam_token</c>), then an error armed with <see cref="EmulatorScenarios.FailNextChatCalls"/>
/// in its V2 form.
/// </summary>
internal static class V2Access
{
    public static V2Error? Check(HttpRequest request, EmulatorState state, V2State v2)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return V2Error.MethodNotSupported();
        }

        if (!V2Authentication.IsAuthenticated(request, state, v2))
        {
            return V2Error.IamCertificationFailed();
        }

        return state.Scenarios.ChatErrors.TryTake(out var injected) ? V2ErrorMapping.From(injected) : null;
    }
}
