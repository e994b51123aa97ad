using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.Errors;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Serialization;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// <c>GET /v2/models</c>: the models the account can call, as <c>{"object":"list","data":[{"id","object":"model",
/// "created","owned_by","context_length"}]}</c>, listing <see cref="ModelCatalog.V2"/>. Authenticated as V2 chat is
/// (401 <c>invalid_iam_token</c>); any other method is 405 <c>method_not_supported</c>.
/// </summary>
internal sealed class ModelsEndpoint(EmulatorState state, V2State v2)
{
    public const string Path = "/v2/models";

    // 2026-01-01, the catalog's date: fixed so a listing repeats.
    private const long Published = 1767225600;

    public async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers["X-Baidu-Request-Id"] = AnswerId.NewRequestId();
        var error = !HttpMethods.IsGet(context.Request.Method) ? V2Error.MethodNotSupported("Only GET requests are accepted")
            : !V2Authentication.IsAuthenticated(context.Request, state, v2) ? V2Error.IamCertificationFailed()
            : null;
        if (error is not null)
        {
            await V2Responses.WriteErrorAsync(response, error, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var body = new V2ModelListBody([.. ModelCatalog.V2.Select(m => new V2ModelBody(m.Id, "model", Published, OwnerOf(m.Id), m.ContextLength))]);
        await response.WriteAsJsonAsync(body, EmulatorJsonContext.Wire.V2ModelListBody, ServiceResponses.JsonContentType, context.RequestAborted).ConfigureAwait(false);
    }

    private static string OwnerOf(string id) => id.Split('-')[0] switch
    {
        "ernie" => "baidu",
        "qwen3" => "qwen",
        "glm" => "zhipu",
        "kimi" => "moonshot",
        var vendor => vendor,
    };
}
