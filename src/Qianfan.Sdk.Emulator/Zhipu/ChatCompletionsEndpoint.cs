using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Hosting;

namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>
/// <c>POST /api/paas/v4/chat/completions</c>: GLM chat, one-shot or streamed (<c>"stream": true</c>, ending with
/// <c>data: [DONE]</c>), with tools by the emulator's tool rule and reasoning for GLM-4.5 and later; what a call meets
/// first is <see cref="GlmAdmission"/>'s.
/// </summary>
internal sealed class ChatCompletionsEndpoint(EmulatorState state, ZhipuState zhipu)
{
    private readonly GlmAdmission _admission = new(state, zhipu);
    private readonly GlmStreamWriter _stream = new(state);

    public Task HandleAsync(HttpContext context) => GatewayFaults.RunAsync(context, state, HandleCoreAsync);

    private async Task HandleCoreAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (await _admission.AdmitAsync(context, cancellationToken).ConfigureAwait(false) is not var (call, answer))
        {
            return;
        }

        if (call.IsStream)
        {
            await _stream.WriteAsync(context, call, answer, cancellationToken).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        await ZhipuJson.WriteAsync(context.Response, GlmBodies.Whole(answer), cancellationToken).ConfigureAwait(false);
    }
}
